package io.channelbook.api.partner;

/** Where a partner stands in the program. A registered partner is onboarding until activated. */
public enum PartnerStatus {
    ONBOARDING,
    ACTIVE,
    SUSPENDED
}
