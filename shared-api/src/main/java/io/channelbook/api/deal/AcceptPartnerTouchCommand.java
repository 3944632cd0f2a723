package io.channelbook.api.deal;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A manager accepts a logged influence touch. */
public record AcceptPartnerTouchCommand(@TargetAggregateIdentifier String registrationId, String touchId) {
}
