package io.channelbook.api.deal;

import org.axonframework.commandhandling.RoutingKey;

/**
 * A channel manager settles the conflict of a registration in {@code CONFLICT} with the holder of its customer.
 * Both registrations and the customer's claim change together, so it routes by customer like submissions.
 */
public record ResolveDealConflictCommand(String registrationId, @RoutingKey String customerDomain,
                                         ConflictResolution resolution, String reason) {
}
