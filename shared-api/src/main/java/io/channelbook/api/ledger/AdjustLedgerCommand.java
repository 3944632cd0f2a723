package io.channelbook.api.ledger;

import io.channelbook.api.money.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A manual correction by finance. {@code adjustmentId} is the idempotency key: a repeat with the same payload is a no-op, a different payload is refused. */
public record AdjustLedgerCommand(@TargetAggregateIdentifier String ledgerId, String partnerId, String adjustmentId, Money amount, String reason) {
}
