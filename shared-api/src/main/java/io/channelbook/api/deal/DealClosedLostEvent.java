package io.channelbook.api.deal;

/** The registered deal was lost; the registration no longer holds its customer. */
public record DealClosedLostEvent(String registrationId, String partnerId, String customerDomain, String reason,
                                  CloseSource source) {
}
