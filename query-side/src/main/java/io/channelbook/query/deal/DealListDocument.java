package io.channelbook.query.deal;

import io.channelbook.api.deal.DealRegistrationConflictedEvent;
import io.channelbook.api.deal.DealRegistrationSubmittedEvent;
import io.channelbook.api.deal.DealStatus;
import io.channelbook.api.deal.DealSummary;
import io.channelbook.api.money.Money;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of the deal list and review queue, keyed by registration id, with what the filters need besides the
 * {@link DealSummary}: the holder this registration contests ({@code holderRegistrationId}, while in conflict) and the
 * registrations contesting this one ({@code contesters}). {@code positions} as in {@link DealDetailDocument}.
 */
@Document(DealListDocument.COLLECTION)
record DealListDocument(
        @Id String id,
        String partnerId,
        String customerName,
        String customerDomain,
        DealStatus status,
        Money estimatedValue,
        LocalDate expectedCloseDate,
        Instant submittedAt,
        Instant protectedUntil,
        String holderRegistrationId,
        List<String> contesters,
        boolean contested,
        List<StreamPosition> positions) {

    static final String COLLECTION = "deal_list";
    static final String PARTNER_ID = "partnerId";
    static final String STATUS = "status";
    static final String CONTESTED = "contested";
    static final String CURRENCY = "estimatedValue.currency";
    static final String AMOUNT_MINOR = "estimatedValue.amountMinor";
    static final String SUBMITTED_AT = "submittedAt";

    DealListDocument {
        // derived, and stored only so that the conflict filter can query it: an open registration others contest
        contested = status.isOpen() && !contesters.isEmpty();
    }

    static DealListDocument submitted(DealRegistrationSubmittedEvent event, String stream, long sequence, Instant at) {
        return new DealListDocument(event.registrationId(), event.partnerId(), event.customerName(),
                event.customerDomain(), DealStatus.SUBMITTED, event.estimatedValue(), event.expectedCloseDate(), at,
                null, null, List.of(), false, List.of(new StreamPosition(stream, sequence)));
    }

    static DealListDocument conflicted(DealRegistrationConflictedEvent event, String stream, long sequence,
                                       Instant at) {
        return new DealListDocument(event.registrationId(), event.partnerId(), event.customerName(),
                event.customerDomain(), DealStatus.CONFLICT, event.estimatedValue(), event.expectedCloseDate(), at,
                null, event.holderRegistrationId(), List.of(), false, List.of(new StreamPosition(stream, sequence)));
    }

    boolean covers(String stream, long sequence) {
        return StreamPosition.covers(positions, stream, sequence);
    }

    DealListDocument applied(String stream, long sequence) {
        return new DealListDocument(id, partnerId, customerName, customerDomain, status, estimatedValue,
                expectedCloseDate, submittedAt, protectedUntil, holderRegistrationId, contesters, contested,
                StreamPosition.advance(positions, stream, sequence));
    }

    DealListDocument withStatus(DealStatus newStatus) {
        return new DealListDocument(id, partnerId, customerName, customerDomain, newStatus, estimatedValue,
                expectedCloseDate, submittedAt, protectedUntil, holderRegistrationId, contesters, contested, positions);
    }

    DealListDocument withProtectedUntil(Instant newProtectedUntil) {
        return new DealListDocument(id, partnerId, customerName, customerDomain, status, estimatedValue,
                expectedCloseDate, submittedAt, newProtectedUntil, holderRegistrationId, contesters, contested,
                positions);
    }

    DealListDocument withHolder(String newHolderRegistrationId) {
        return new DealListDocument(id, partnerId, customerName, customerDomain, status, estimatedValue,
                expectedCloseDate, submittedAt, protectedUntil, newHolderRegistrationId, contesters, contested,
                positions);
    }

    DealListDocument withContesters(List<String> newContesters) {
        return new DealListDocument(id, partnerId, customerName, customerDomain, status, estimatedValue,
                expectedCloseDate, submittedAt, protectedUntil, holderRegistrationId, List.copyOf(newContesters),
                contested, positions);
    }

    DealListDocument withContester(String registrationId) {
        if (contesters.contains(registrationId)) {
            return this;
        }
        List<String> more = new ArrayList<>(contesters);
        more.add(registrationId);
        return withContesters(more);
    }

    DealListDocument withoutContester(String registrationId) {
        return withContesters(contesters.stream().filter(contester -> !contester.equals(registrationId)).toList());
    }

    boolean inConflict() {
        return status == DealStatus.CONFLICT;
    }

    DealSummary toSummary() {
        return new DealSummary(id, partnerId, customerName, customerDomain, status, estimatedValue, expectedCloseDate,
                submittedAt, protectedUntil, inConflict());
    }
}
