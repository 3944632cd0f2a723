package io.channelbook.query.partner;

import io.channelbook.api.partner.PartnerStatus;
import io.channelbook.api.partner.PartnerSummary;
import io.channelbook.api.partner.ProgramType;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/** One line of the partner list, keyed by partner id; {@code version} as in the detail document. */
@Document(PartnerListDocument.COLLECTION)
record PartnerListDocument(
        @Id String id,
        String legalName,
        String sortName,
        String country,
        ProgramType programType,
        PartnerStatus status,
        Instant updatedAt,
        long version,
        String tier) {

    static final String COLLECTION = "partner_list";

    PartnerListDocument withStatus(PartnerStatus newStatus, Instant at, long sequence) {
        return new PartnerListDocument(id, legalName, sortName, country, programType, newStatus, at, sequence, tier);
    }

    PartnerListDocument withTier(String newTier, Instant at, long sequence) {
        return new PartnerListDocument(id, legalName, sortName, country, programType, status, at, sequence, newTier);
    }

    PartnerSummary toSummary() {
        return new PartnerSummary(id, legalName, country, programType, status, updatedAt, tier);
    }
}
