package io.channelbook.api.deal;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records another partner's part in a deal: an influencing partner logs its influence with evidence (pending until
 * a manager accepts it), or a manager assigns a delivering services partner (accepted at once).
 */
public record LogPartnerTouchCommand(@TargetAggregateIdentifier String registrationId, String touchId,
                                     String partnerId, TouchType type, String evidence) {
}
