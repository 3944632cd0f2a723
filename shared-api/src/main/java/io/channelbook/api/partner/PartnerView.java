package io.channelbook.api.partner;

import java.time.Instant;

/** Everything known about one partner. {@code version} is the number of events applied to it; {@code tier} is null when the partner has none. */
public record PartnerView(
        String partnerId,
        String legalName,
        String country,
        String websiteDomain,
        ProgramType programType,
        PrimaryContact primaryContact,
        PartnerStatus status,
        String statusReason,
        Instant registeredAt,
        Instant updatedAt,
        long version,
        String tier) {
}
