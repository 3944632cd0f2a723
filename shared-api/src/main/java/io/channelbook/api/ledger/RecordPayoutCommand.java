package io.channelbook.api.ledger;

import io.channelbook.api.money.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

/** Finance paid the partner by hand. {@code payoutId} is the idempotency key. */
public record RecordPayoutCommand(@TargetAggregateIdentifier String ledgerId, String partnerId, String payoutId, Money amount, String reference, LocalDate paidOn) {
}
