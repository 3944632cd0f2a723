package io.channelbook.api.partner;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Stops a partner from selling until it is activated again; the reason goes on record. */
public record SuspendPartnerCommand(@TargetAggregateIdentifier String partnerId, String reason) {
}
