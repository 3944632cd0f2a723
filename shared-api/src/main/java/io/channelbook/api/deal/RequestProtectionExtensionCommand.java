package io.channelbook.api.deal;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The registering partner asks for more protection time. The partner id comes from the login. */
public record RequestProtectionExtensionCommand(@TargetAggregateIdentifier String registrationId, String partnerId,
                                                int additionalDays, String reason) {
}
