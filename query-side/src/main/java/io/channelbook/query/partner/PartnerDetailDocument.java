package io.channelbook.query.partner;

import io.channelbook.api.partner.PartnerStatus;
import io.channelbook.api.partner.PartnerView;
import io.channelbook.api.partner.PrimaryContact;
import io.channelbook.api.partner.ProgramType;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/**
 * One partner's detail, keyed by partner id. {@code version} is the aggregate sequence number of the last event
 * applied, which makes redelivered events harmless. {@code tier} is null until a tier is set.
 */
@Document(PartnerDetailDocument.COLLECTION)
record PartnerDetailDocument(
        @Id String id,
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

    static final String COLLECTION = "partner_details";

    PartnerDetailDocument withStatus(PartnerStatus newStatus, String reason, Instant at, long sequence) {
        return new PartnerDetailDocument(id, legalName, country, websiteDomain, programType, primaryContact,
                newStatus, reason, registeredAt, at, sequence, tier);
    }

    PartnerDetailDocument withTier(String newTier, Instant at, long sequence) {
        return new PartnerDetailDocument(id, legalName, country, websiteDomain, programType, primaryContact,
                status, statusReason, registeredAt, at, sequence, newTier);
    }

    PartnerView toView() {
        return new PartnerView(id, legalName, country, websiteDomain, programType, primaryContact, status,
                statusReason, registeredAt, updatedAt, version + 1, tier);
    }
}
