package io.channelbook.api.ledger;

import io.channelbook.api.money.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

/** Books another partner's share of a deal's commission (sent by the process manager); idempotent by {@code entryId}. */
public record BookCommissionShareCommand(@TargetAggregateIdentifier String ledgerId, String partnerId, String registrationId, String entryId, Money amount, Money dealAmount, LocalDate earnedOn, String period, int holdDays, AccrualExplanation explanation) {
}
