package io.channelbook.api.partner;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Lets an onboarding or suspended partner sell; the reason goes on record. */
public record ActivatePartnerCommand(@TargetAggregateIdentifier String partnerId, String reason) {
}
