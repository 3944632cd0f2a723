package io.channelbook.api.deal;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The customer did not buy. */
public record CloseDealLostCommand(@TargetAggregateIdentifier String registrationId, String reason, CloseSource source) {
}
