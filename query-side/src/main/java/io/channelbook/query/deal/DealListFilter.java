package io.channelbook.query.deal;

import io.channelbook.api.deal.DealSort;
import io.channelbook.api.deal.DealStatus;
import io.channelbook.api.deal.FindDealsQuery;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Criteria;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * What a {@link FindDealsQuery} selects and in which order, in two equivalent forms: a Mongo criteria and sort for
 * the scanned review queue, and a predicate and comparator for the lines of one partner (read by id) and for
 * deciding which subscribers an update concerns.
 * <p>
 * A partner viewer only ever sees its own partner's registrations, whatever {@code partnerId} says, and its conflict
 * filter shows only its registrations in conflict: that a later registration contests one of its own is the vendor's
 * business. A minimum value applies only together with its currency: amounts in different currencies are never
 * compared.
 */
record DealListFilter(String partnerId, DealStatus status, boolean conflictOnly, boolean contestedToo,
                      String currency, Long minValueMinor, Instant submittedBefore, DealSort sort) {

    static DealListFilter of(FindDealsQuery query, Instant now) {
        // a partner viewer is scoped even with a blank id: it then sees nothing rather than everything
        String partnerId = query.viewerPartnerId() != null ? query.viewerPartnerId() : blankToNull(query.partnerId());
        String currency = query.currency() == null || query.currency().isBlank()
                ? null
                : query.currency().trim().toUpperCase(Locale.ROOT);
        Long minValueMinor = currency == null ? null : query.minValueMinor();
        Instant submittedBefore = query.olderThanDays() == null
                ? null
                : now.minus(Duration.ofDays(query.olderThanDays()));
        DealSort sort = query.sort() == null ? DealSort.OLDEST : query.sort();
        return new DealListFilter(partnerId, query.status(), Boolean.TRUE.equals(query.conflictOnly()),
                query.viewerPartnerId() == null, currency, minValueMinor, submittedBefore, sort);
    }

    Criteria criteria() {
        List<Criteria> all = new ArrayList<>();
        if (partnerId != null) {
            all.add(Criteria.where(DealListDocument.PARTNER_ID).is(partnerId));
        }
        if (status != null) {
            all.add(Criteria.where(DealListDocument.STATUS).is(status));
        }
        if (conflictOnly) {
            Criteria inConflict = Criteria.where(DealListDocument.STATUS).is(DealStatus.CONFLICT);
            all.add(contestedToo
                    ? new Criteria().orOperator(inConflict, Criteria.where(DealListDocument.CONTESTED).is(true))
                    : inConflict);
        }
        if (currency != null) {
            all.add(Criteria.where(DealListDocument.CURRENCY).is(currency));
        }
        if (minValueMinor != null) {
            all.add(Criteria.where(DealListDocument.AMOUNT_MINOR).gte(minValueMinor));
        }
        if (submittedBefore != null) {
            all.add(Criteria.where(DealListDocument.SUBMITTED_AT).lt(submittedBefore));
        }
        return all.isEmpty() ? new Criteria() : new Criteria().andOperator(all);
    }

    boolean matches(DealListDocument deal) {
        return (partnerId == null || partnerId.equals(deal.partnerId()))
                && (status == null || status == deal.status())
                && (!conflictOnly || deal.inConflict() || contestedToo && deal.contested())
                && (currency == null || deal.estimatedValue() != null
                        && currency.equals(deal.estimatedValue().currency().getCurrencyCode()))
                && (minValueMinor == null || deal.estimatedValue() != null
                        && deal.estimatedValue().amountMinor() >= minValueMinor)
                && (submittedBefore == null || deal.submittedAt().isBefore(submittedBefore));
    }

    /** Ties are broken by registration id, so pages never overlap. */
    Sort mongoSort() {
        Sort byId = Sort.by("_id");
        return switch (sort) {
            case OLDEST -> Sort.by(DealListDocument.SUBMITTED_AT).and(byId);
            case NEWEST -> Sort.by(Sort.Direction.DESC, DealListDocument.SUBMITTED_AT).and(byId);
            case LARGEST_VALUE -> Sort.by(DealListDocument.CURRENCY)
                    .and(Sort.by(Sort.Direction.DESC, DealListDocument.AMOUNT_MINOR))
                    .and(Sort.by(DealListDocument.SUBMITTED_AT))
                    .and(byId);
        };
    }

    /** The same order as {@link #mongoSort()}. */
    Comparator<DealListDocument> order() {
        Comparator<DealListDocument> oldest = Comparator.comparing(DealListDocument::submittedAt);
        Comparator<DealListDocument> byId = Comparator.comparing(DealListDocument::id);
        return switch (sort) {
            case OLDEST -> oldest.thenComparing(byId);
            case NEWEST -> oldest.reversed().thenComparing(byId);
            case LARGEST_VALUE -> Comparator.comparing((DealListDocument deal) -> deal.estimatedValue().currency()
                            .getCurrencyCode())
                    .thenComparing(deal -> deal.estimatedValue().amountMinor(), Comparator.reverseOrder())
                    .thenComparing(oldest)
                    .thenComparing(byId);
        };
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
