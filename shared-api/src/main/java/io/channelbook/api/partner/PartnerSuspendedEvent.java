package io.channelbook.api.partner;

/** A partner may no longer sell until activated again. */
public record PartnerSuspendedEvent(String partnerId, String reason) {
}
