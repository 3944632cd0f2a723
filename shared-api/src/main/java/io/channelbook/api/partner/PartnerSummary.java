package io.channelbook.api.partner;

import java.time.Instant;

/** A partner as a line of the partner list; {@code tier} is null when the partner has none. */
public record PartnerSummary(
        String partnerId,
        String legalName,
        String country,
        ProgramType programType,
        PartnerStatus status,
        Instant updatedAt,
        String tier) {
}
