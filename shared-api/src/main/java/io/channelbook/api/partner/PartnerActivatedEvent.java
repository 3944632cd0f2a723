package io.channelbook.api.partner;

/** A partner may sell. */
public record PartnerActivatedEvent(String partnerId, String reason) {
}
