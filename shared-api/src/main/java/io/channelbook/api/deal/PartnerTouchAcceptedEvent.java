package io.channelbook.api.deal;

/** A logged touch now counts for commissions and attribution. */
public record PartnerTouchAcceptedEvent(String registrationId, String touchId, String partnerId, TouchType type) {
}
