package io.channelbook.api.deal;

import org.axonframework.commandhandling.RoutingKey;

/**
 * A partner logs its influence on a customer's deal without seeing that deal or who registered it: the touch goes to
 * the registration that protects the customer now, pending until a channel manager accepts it. Answers with the
 * touch id.
 */
public record LogInfluenceForCustomerCommand(@RoutingKey String customerDomain, String partnerId, String touchId,
                                             String evidence) {
}
