package io.channelbook.api.partner;

/**
 * A page of partners ordered by legal name, optionally only those in one status; answered with a
 * {@link PartnerPage}. As a subscription query, its updates are the {@link PartnerSummary} of every partner that
 * changes and matches the filter.
 */
public record FindPartnersQuery(PartnerStatus status, int page, int size) {

    public boolean matches(PartnerSummary partner) {
        return status == null || status == partner.status();
    }
}
