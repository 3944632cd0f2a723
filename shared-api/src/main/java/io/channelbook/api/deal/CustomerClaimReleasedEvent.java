package io.channelbook.api.deal;

/** The holding registration let go of the customer (rejected, lost, expired); the next registration may claim it. */
public record CustomerClaimReleasedEvent(String customerDomain, String registrationId, String reason) {
}
