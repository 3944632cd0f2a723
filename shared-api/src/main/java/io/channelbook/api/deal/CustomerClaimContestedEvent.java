package io.channelbook.api.deal;

/** A later registration of an already claimed customer, recorded in order in the claim's stream. */
public record CustomerClaimContestedEvent(String customerDomain, String registrationId, String partnerId,
                                          String holderRegistrationId) {
}
