package io.channelbook.api.ledger;

import io.channelbook.api.money.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Brings this ledger's entries for a deal in line with what is left of it: {@code currentAmount} minus
 * {@code totalRefunded}, out of the amount they accrued on. Either may be null: unchanged since the last such command
 * (an amount change does not restate refunds, a refund does not restate the amount). Idempotent.
 */
public record ReverseDealCommissionCommand(@TargetAggregateIdentifier String ledgerId, String partnerId, String registrationId, Money currentAmount, Money totalRefunded, String reason) {
}
