package io.channelbook.api.ledger;

import io.channelbook.api.money.Money;

import java.time.Instant;
import java.time.LocalDate;

/** One ledger entry with its current status and everything needed to drill down: the deal, the plan version and rule (in the explanation), and the event that caused it. {@code outstanding} is what is left of it after reversals. */
public record LedgerEntryView(String entryId, String partnerId, EntryKind kind, EntryStatus status, Money amount, Money outstanding, String registrationId, String reversedEntryId, LocalDate earnedOn, String period, Instant recordedAt, Instant payableAt, String reason, String actorId, AccrualExplanation explanation, String text, String eventId, String causationId, String correlationId) {
}
