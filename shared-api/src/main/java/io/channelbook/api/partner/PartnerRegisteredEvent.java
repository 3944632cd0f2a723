package io.channelbook.api.partner;

/** A partner company joined the program; it is onboarding until activated. */
public record PartnerRegisteredEvent(
        String partnerId,
        String legalName,
        String country,
        String websiteDomain,
        ProgramType programType,
        PrimaryContact primaryContact) {
}
