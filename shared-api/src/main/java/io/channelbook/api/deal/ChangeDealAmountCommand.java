package io.channelbook.api.deal;

import io.channelbook.api.money.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The CRM reports a new amount for a won deal (an amount decrease reverses commission proportionally). */
public record ChangeDealAmountCommand(@TargetAggregateIdentifier String registrationId, Money newAmount,
                                      CloseSource source) {
}
