package io.channelbook.api.partner;

/** A partner moved from {@code previousTier} (or none) to {@code tier} (or none). */
public record PartnerTierChangedEvent(String partnerId, String tier, String previousTier, String reason) {
}
