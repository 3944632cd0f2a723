package io.channelbook.api.ledger;

import io.channelbook.api.money.Money;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A ledger entry that earns money: pending until {@code payableAt}. {@code period} is the counting period (2026-11,
 * 2026-Q4, 2026). {@code dealAmount}: the deal amount a deal accrual was computed on (reversals are proportional to
 * it); null for entries not tied to one deal amount.
 */
public record CommissionAccruedEvent(String ledgerId, String partnerId, String entryId, EntryKind kind, String registrationId, Money amount, LocalDate earnedOn, String period, Instant payableAt, AccrualExplanation explanation, Money dealAmount) {
}
