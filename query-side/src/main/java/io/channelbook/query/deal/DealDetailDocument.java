package io.channelbook.query.deal;

import io.channelbook.api.deal.CustomerContact;
import io.channelbook.api.deal.DealRegistrationConflictedEvent;
import io.channelbook.api.deal.DealRegistrationSubmittedEvent;
import io.channelbook.api.deal.DealStatus;
import io.channelbook.api.deal.DealTouch;
import io.channelbook.api.deal.DealView;
import io.channelbook.api.deal.LineItem;
import io.channelbook.api.money.Money;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * One registration in full, keyed by registration id. It is fed by the registration's own event stream and by its
 * customer's claim stream (a protection transfer); {@code positions} holds how far each of them has been applied.
 */
@Document(DealDetailDocument.COLLECTION)
record DealDetailDocument(
        @Id String id,
        Registration registration,
        String crmOpportunityId,
        DealStatus status,
        Instant submittedAt,
        Instant updatedAt,
        Protection protection,
        Holder holder,
        Rejection rejection,
        Outcome outcome,
        List<DealTouch> touches,
        List<StreamPosition> positions) {

    static final String COLLECTION = "deal_details";
    static final String STATUS = "status";
    static final String HOLDER_REGISTRATION_ID = "holder.registrationId";

    /** What the partner submitted; it never changes. */
    record Registration(String partnerId, String customerName, String customerDomain, String customerCountry,
                        CustomerContact customerContact, List<String> products, Money estimatedValue,
                        LocalDate expectedCloseDate, String notes) {
    }

    /** The protection window and a pending extension request; both null until they exist. */
    record Protection(Instant until, Integer extensionRequestedDays) {
        static final Protection NONE = new Protection(null, null);
    }

    /** The registration that held the customer when this one registered (vendor eyes only). */
    record Holder(String registrationId, String partnerId) {
    }

    record Rejection(String code, String reason) {
    }

    /** How the deal ended; every part null until it happens. */
    record Outcome(Money closedAmount, LocalDate closeDate, List<LineItem> lineItems, String lostReason,
                   Money refundedTotal) {
        static final Outcome OPEN = new Outcome(null, null, List.of(), null, null);
    }

    static DealDetailDocument submitted(DealRegistrationSubmittedEvent event, String stream, long sequence,
                                        Instant at) {
        Registration registration = new Registration(event.partnerId(), event.customerName(), event.customerDomain(),
                event.customerCountry(), event.customerContact(), event.products(), event.estimatedValue(),
                event.expectedCloseDate(), event.notes());
        return new DealDetailDocument(event.registrationId(), registration, event.crmOpportunityId(),
                DealStatus.SUBMITTED, at, at, Protection.NONE, null, null, Outcome.OPEN, List.of(),
                List.of(new StreamPosition(stream, sequence)));
    }

    static DealDetailDocument conflicted(DealRegistrationConflictedEvent event, String stream, long sequence,
                                         Instant at) {
        Registration registration = new Registration(event.partnerId(), event.customerName(), event.customerDomain(),
                event.customerCountry(), event.customerContact(), event.products(), event.estimatedValue(),
                event.expectedCloseDate(), event.notes());
        return new DealDetailDocument(event.registrationId(), registration, event.crmOpportunityId(),
                DealStatus.CONFLICT, at, at, Protection.NONE,
                new Holder(event.holderRegistrationId(), event.holderPartnerId()), null, Outcome.OPEN, List.of(),
                List.of(new StreamPosition(stream, sequence)));
    }

    String partnerId() {
        return registration.partnerId();
    }

    boolean covers(String stream, long sequence) {
        return StreamPosition.covers(positions, stream, sequence);
    }

    /** Records the event at {@code sequence} of {@code stream} as applied, at {@code at} (null: no visible change). */
    DealDetailDocument applied(String stream, long sequence, Instant at) {
        return new DealDetailDocument(id, registration, crmOpportunityId, status, submittedAt,
                at == null ? updatedAt : at, protection, holder, rejection, outcome, touches,
                StreamPosition.advance(positions, stream, sequence));
    }

    DealDetailDocument withStatus(DealStatus newStatus) {
        return new DealDetailDocument(id, registration, crmOpportunityId, newStatus, submittedAt, updatedAt, protection,
                holder, rejection, outcome, touches, positions);
    }

    DealDetailDocument withCrmOpportunityId(String newCrmOpportunityId) {
        return new DealDetailDocument(id, registration, newCrmOpportunityId, status, submittedAt, updatedAt,
                protection, holder, rejection, outcome, touches, positions);
    }

    DealDetailDocument withProtection(Protection newProtection) {
        return new DealDetailDocument(id, registration, crmOpportunityId, status, submittedAt, updatedAt,
                newProtection, holder, rejection, outcome, touches, positions);
    }

    DealDetailDocument withHolder(Holder newHolder) {
        return new DealDetailDocument(id, registration, crmOpportunityId, status, submittedAt, updatedAt, protection,
                newHolder, rejection, outcome, touches, positions);
    }

    DealDetailDocument withRejection(Rejection newRejection) {
        return new DealDetailDocument(id, registration, crmOpportunityId, status, submittedAt, updatedAt, protection,
                holder, newRejection, outcome, touches, positions);
    }

    DealDetailDocument withOutcome(Outcome newOutcome) {
        return new DealDetailDocument(id, registration, crmOpportunityId, status, submittedAt, updatedAt, protection,
                holder, rejection, newOutcome, touches, positions);
    }

    DealDetailDocument withTouches(List<DealTouch> newTouches) {
        return new DealDetailDocument(id, registration, crmOpportunityId, status, submittedAt, updatedAt, protection,
                holder, rejection, outcome, newTouches, positions);
    }

    /** The registration now holds its customer: a contester leaves its conflict and is under review again. */
    DealDetailDocument asHolder() {
        DealStatus newStatus = status == DealStatus.CONFLICT ? DealStatus.SUBMITTED : status;
        return withStatus(newStatus).withHolder(null);
    }

    DealDetailDocument withTouch(DealTouch touch) {
        List<DealTouch> newTouches = new ArrayList<>(touches.size() + 1);
        touches.stream().filter(existing -> !existing.touchId().equals(touch.touchId())).forEach(newTouches::add);
        newTouches.add(touch);
        return withTouches(newTouches);
    }

    DealDetailDocument withTouchAccepted(String touchId) {
        return withTouches(touches.stream()
                .map(touch -> touch.touchId().equals(touchId)
                        ? new DealTouch(touch.touchId(), touch.partnerId(), touch.type(), touch.evidence(), true)
                        : touch)
                .toList());
    }

    /**
     * The registration as {@code viewerPartnerId} sees it: vendor staff ({@code null}) see everything; a partner sees
     * neither who holds a conflicting claim nor other partners' touches.
     */
    DealView toView(String viewerPartnerId) {
        boolean partnerViewer = viewerPartnerId != null;
        Holder visibleHolder = partnerViewer || holder == null ? new Holder(null, null) : holder;
        List<DealTouch> visibleTouches = partnerViewer
                ? touches.stream().filter(touch -> viewerPartnerId.equals(touch.partnerId())).toList()
                : touches;
        return new DealView(id, registration.partnerId(), registration.customerName(), registration.customerDomain(),
                registration.customerCountry(), registration.customerContact(), registration.products(),
                registration.estimatedValue(), registration.expectedCloseDate(), registration.notes(),
                crmOpportunityId, status, submittedAt, updatedAt, protection.until(),
                protection.extensionRequestedDays(), status == DealStatus.CONFLICT, visibleHolder.registrationId(),
                visibleHolder.partnerId(), rejection == null ? null : rejection.code(),
                rejection == null ? null : rejection.reason(), outcome.closedAmount(), outcome.closeDate(),
                outcome.lineItems(), outcome.lostReason(), outcome.refundedTotal(), visibleTouches,
                StreamPosition.of(positions, id) + 1);
    }
}
