package io.channelbook.api.deal;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A channel manager rejects a registration with a reason code (e.g. DUPLICATE, NOT_QUALIFIED) and text. */
public record RejectDealRegistrationCommand(@TargetAggregateIdentifier String registrationId, String reasonCode,
                                            String reason) {
}
