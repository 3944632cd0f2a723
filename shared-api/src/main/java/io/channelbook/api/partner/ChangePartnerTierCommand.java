package io.channelbook.api.partner;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Moves a partner to a tier (a name like GOLD; null removes the tier). Plans and multipliers follow tiers. */
public record ChangePartnerTierCommand(@TargetAggregateIdentifier String partnerId, String tier, String reason) {
}
