package io.channelbook.api.deal;

/** The protection window elapsed without a close; the registration no longer holds its customer. */
public record DealRegistrationExpiredEvent(String registrationId, String partnerId, String customerDomain) {
}
