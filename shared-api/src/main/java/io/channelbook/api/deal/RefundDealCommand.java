package io.channelbook.api.deal;

import io.channelbook.api.money.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The customer was refunded part or all of a won deal (reported by the CRM). */
public record RefundDealCommand(@TargetAggregateIdentifier String registrationId, Money refunded, String reference,
                                CloseSource source) {
}
