package io.channelbook.api.ledger;

import io.channelbook.api.money.Money;

import java.time.LocalDate;

/** The registrant's ledger computed another partner's share of a deal's commission; that partner's ledger books it as an accrual. */
public record CommissionShareAllocatedEvent(String ledgerId, String partnerId, String registrationId, String targetPartnerId, String entryId, Money amount, Money dealAmount, LocalDate earnedOn, String period, int holdDays, AccrualExplanation explanation) {
}
