package io.channelbook.api.deal;

/** A registration was rejected; it no longer holds its customer. */
public record DealRegistrationRejectedEvent(String registrationId, String partnerId, String customerDomain,
                                            String reasonCode, String reason) {
}
