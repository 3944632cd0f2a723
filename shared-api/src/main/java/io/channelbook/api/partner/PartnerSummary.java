package io.channelbook.api.partner;

import java.time.Instant;

/** A partner as a line of the partner list. */
public record PartnerSummary(
        String partnerId,
        String legalName,
        String country,
        ProgramType programType,
        PartnerStatus status,
        Instant updatedAt) {
}
