package io.channelbook.query.deal;

import io.channelbook.api.deal.ConflictResolution;
import io.channelbook.api.deal.CrmOpportunityLinkedEvent;
import io.channelbook.api.deal.CustomerClaimedEvent;
import io.channelbook.api.deal.DealAmountChangedEvent;
import io.channelbook.api.deal.DealClosedLostEvent;
import io.channelbook.api.deal.DealClosedWonEvent;
import io.channelbook.api.deal.DealConflictResolvedEvent;
import io.channelbook.api.deal.DealRefundedEvent;
import io.channelbook.api.deal.DealRegistrationApprovedEvent;
import io.channelbook.api.deal.DealRegistrationConflictedEvent;
import io.channelbook.api.deal.DealRegistrationExpiredEvent;
import io.channelbook.api.deal.DealRegistrationRejectedEvent;
import io.channelbook.api.deal.DealRegistrationSubmittedEvent;
import io.channelbook.api.deal.DealStatus;
import io.channelbook.api.deal.DealTouch;
import io.channelbook.api.deal.DealView;
import io.channelbook.api.deal.FindDealByCrmOpportunityQuery;
import io.channelbook.api.deal.FindDealQuery;
import io.channelbook.api.deal.PartnerTouchAcceptedEvent;
import io.channelbook.api.deal.PartnerTouchLoggedEvent;
import io.channelbook.api.deal.ProtectionExpiryRemindedEvent;
import io.channelbook.api.deal.ProtectionExtendedEvent;
import io.channelbook.api.deal.ProtectionExtensionDeniedEvent;
import io.channelbook.api.deal.ProtectionExtensionRequestedEvent;
import io.channelbook.api.deal.ProtectionTransferredEvent;
import io.channelbook.query.deal.DealDetailDocument.Holder;
import io.channelbook.query.deal.DealDetailDocument.Outcome;
import io.channelbook.query.deal.DealDetailDocument.Protection;
import io.channelbook.query.deal.DealDetailDocument.Rejection;
import io.channelbook.query.infrastructure.DocumentBatch;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.SourceId;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The deal detail read model (one document per registration) and the CRM opportunity links that find a registration
 * by the CRM's id. Subscribers of {@link FindDealQuery} get every change of their registration, as they may see it.
 * <p>
 * A protection transfer changes several registrations at once, so this processing group relies on Axon's default of
 * one segment: its events are handled one at a time, in the order of the event store. Events are applied in the
 * processor's batches: documents read once, written once per batch ({@link DocumentBatch}), links before
 * registrations; subscribers hear of each change once the batch is written.
 */
@Component
@ProcessingGroup(DealDetailProjection.PROCESSING_GROUP)
class DealDetailProjection {

    static final String PROCESSING_GROUP = "deal-detail";

    private static final String BATCH = DealDetailProjection.class.getName() + ".batch";

    private final ReactiveMongoTemplate mongo;
    private final QueryUpdateEmitter updateEmitter;

    DealDetailProjection(ReactiveMongoTemplate mongo, QueryUpdateEmitter updateEmitter) {
        this.mongo = mongo;
        this.updateEmitter = updateEmitter;
    }

    @EventHandler
    void on(DealRegistrationSubmittedEvent event, @SourceId String stream, @SequenceNumber long sequence,
            @Timestamp Instant at) {
        inBatch(batch -> {
            register(batch, DealDetailDocument.submitted(event, stream, sequence, at));
        });
    }

    @EventHandler
    void on(DealRegistrationConflictedEvent event, @SourceId String stream, @SequenceNumber long sequence,
            @Timestamp Instant at) {
        inBatch(batch -> {
            register(batch, DealDetailDocument.conflicted(event, stream, sequence, at));
        });
    }

    @EventHandler
    void on(DealRegistrationApprovedEvent event, @SourceId String stream, @SequenceNumber long sequence,
            @Timestamp Instant at) {
        inBatch(batch -> {
            change(batch, event.registrationId(), stream, sequence, at, deal -> deal.withStatus(DealStatus.APPROVED)
                    .withProtection(new Protection(event.protectedUntil(), null)));
        });
    }

    @EventHandler
    void on(DealRegistrationRejectedEvent event, @SourceId String stream, @SequenceNumber long sequence,
            @Timestamp Instant at) {
        inBatch(batch -> {
            change(batch, event.registrationId(), stream, sequence, at, deal -> deal.withStatus(DealStatus.REJECTED)
                    .withRejection(new Rejection(event.reasonCode(), event.reason())));
        });
    }

    @EventHandler
    void on(ProtectionExtensionRequestedEvent event, @SourceId String stream, @SequenceNumber long sequence,
            @Timestamp Instant at) {
        inBatch(batch -> {
            change(batch, event.registrationId(), stream, sequence, at,
                    deal -> deal.withProtection(new Protection(deal.protection().until(), event.additionalDays())));
        });
    }

    @EventHandler
    void on(ProtectionExtendedEvent event, @SourceId String stream, @SequenceNumber long sequence,
            @Timestamp Instant at) {
        inBatch(batch -> {
            change(batch, event.registrationId(), stream, sequence, at,
                    deal -> deal.withProtection(new Protection(event.protectedUntil(), null)));
        });
    }

    @EventHandler
    void on(ProtectionExtensionDeniedEvent event, @SourceId String stream, @SequenceNumber long sequence,
            @Timestamp Instant at) {
        inBatch(batch -> {
            change(batch, event.registrationId(), stream, sequence, at,
                    deal -> deal.withProtection(new Protection(deal.protection().until(), null)));
        });
    }

    /** A reminder changes nothing a reader sees; it only moves the registration's version on. */
    @EventHandler
    void on(ProtectionExpiryRemindedEvent event, @SourceId String stream, @SequenceNumber long sequence) {
        inBatch(batch -> {
            change(batch, event.registrationId(), stream, sequence, null, UnaryOperator.identity());
        });
    }

    @EventHandler
    void on(DealRegistrationExpiredEvent event, @SourceId String stream, @SequenceNumber long sequence,
            @Timestamp Instant at) {
        inBatch(batch -> {
            change(batch, event.registrationId(), stream, sequence, at, deal -> deal.withStatus(DealStatus.EXPIRED));
        });
    }

    @EventHandler
    void on(DealClosedWonEvent event, @SourceId String stream, @SequenceNumber long sequence, @Timestamp Instant at) {
        inBatch(batch -> {
            change(batch, event.registrationId(), stream, sequence, at, deal -> deal.withStatus(DealStatus.CLOSED_WON)
                    .withOutcome(new Outcome(event.amount(), event.closeDate(), event.lineItems(), null, null)));
        });
    }

    @EventHandler
    void on(DealClosedLostEvent event, @SourceId String stream, @SequenceNumber long sequence, @Timestamp Instant at) {
        inBatch(batch -> {
            change(batch, event.registrationId(), stream, sequence, at, deal -> deal.withStatus(DealStatus.CLOSED_LOST)
                    .withOutcome(new Outcome(null, null, List.of(), event.reason(), null)));
        });
    }

    @EventHandler
    void on(DealAmountChangedEvent event, @SourceId String stream, @SequenceNumber long sequence,
            @Timestamp Instant at) {
        inBatch(batch -> {
            change(batch, event.registrationId(), stream, sequence, at, deal -> {
                Outcome outcome = deal.outcome();
                return deal.withOutcome(new Outcome(event.newAmount(), outcome.closeDate(), outcome.lineItems(),
                        outcome.lostReason(), outcome.refundedTotal()));
            });
        });
    }

    @EventHandler
    void on(DealRefundedEvent event, @SourceId String stream, @SequenceNumber long sequence, @Timestamp Instant at) {
        inBatch(batch -> {
            change(batch, event.registrationId(), stream, sequence, at, deal -> {
                Outcome outcome = deal.outcome();
                return deal.withOutcome(new Outcome(outcome.closedAmount(), outcome.closeDate(), outcome.lineItems(),
                        outcome.lostReason(), event.totalRefunded()));
            });
        });
    }

    /**
     * Co-selling puts the contester under review beside the holder (the holder stays on record); a transfer makes it
     * the holder. Keeping the first registration changes nothing here: the contester's rejection follows.
     */
    @EventHandler
    void on(DealConflictResolvedEvent event, @SourceId String stream, @SequenceNumber long sequence,
            @Timestamp Instant at) {
        inBatch(batch -> {
            change(batch, event.registrationId(), stream, sequence, at, deal -> {
                if (event.resolution() == ConflictResolution.CO_SELL && deal.status() == DealStatus.CONFLICT) {
                    return deal.withStatus(DealStatus.SUBMITTED);
                }
                return event.resolution() == ConflictResolution.TRANSFER_PROTECTION ? deal.asHolder() : deal;
            });
        });
    }

    @EventHandler
    void on(ProtectionTransferredEvent event, @SourceId String stream, @SequenceNumber long sequence,
            @Timestamp Instant at) {
        inBatch(batch -> {
            becomeHolder(batch, event.toRegistrationId(), event.toPartnerId(), event.fromRegistrationId(), stream, sequence, at);
        });
    }

    /**
     * A registration that claims its customer while it contests an earlier holder (the holder let go) is no longer in
     * conflict. A fresh registration's claim changes nothing: its submission says it all.
     */
    @EventHandler
    void on(CustomerClaimedEvent event, @SourceId String stream, @SequenceNumber long sequence,
            @Timestamp Instant at) {
        inBatch(batch -> {
            DealDetailDocument claimant = find(batch, event.registrationId());
            if (claimant == null || claimant.covers(stream, sequence) || claimant.status() != DealStatus.CONFLICT) {
                return;
            }
            String previousHolder = claimant.holder() == null ? null : claimant.holder().registrationId();
            becomeHolder(batch, event.registrationId(), event.partnerId(), previousHolder, stream, sequence, at);
        });
    }

    @EventHandler
    void on(PartnerTouchLoggedEvent event, @SourceId String stream, @SequenceNumber long sequence,
            @Timestamp Instant at) {
        inBatch(batch -> {
            DealTouch touch = new DealTouch(event.touchId(), event.partnerId(), event.type(), event.evidence(),
                    event.accepted());
            change(batch, event.registrationId(), stream, sequence, at, deal -> deal.withTouch(touch));
        });
    }

    @EventHandler
    void on(PartnerTouchAcceptedEvent event, @SourceId String stream, @SequenceNumber long sequence,
            @Timestamp Instant at) {
        inBatch(batch -> {
            change(batch, event.registrationId(), stream, sequence, at, deal -> deal.withTouchAccepted(event.touchId()));
        });
    }

    @EventHandler
    void on(CrmOpportunityLinkedEvent event, @SourceId String stream, @SequenceNumber long sequence,
            @Timestamp Instant at) {
        inBatch(batch -> {
            DealDetailDocument current = find(batch, event.registrationId());
            if (current == null || current.covers(stream, sequence)) {
                return;
            }
            link(batch, event.crmOpportunityId(), event.registrationId());
            String previous = current.crmOpportunityId();
            if (previous != null && !previous.equals(event.crmOpportunityId())) {
                unlink(batch, previous, event.registrationId());
            }
            save(batch, current.withCrmOpportunityId(event.crmOpportunityId()).applied(stream, sequence, at));
        });
    }

    /**
     * Applies one event in the processor's batch; the batch is written after its last ({@link DocumentBatch#apply}). The
     * documents of the batch's aggregates (keyed like them) are loaded first, with one query.
     */
    private void inBatch(Consumer<DocumentBatch> event) {
        DocumentBatch.apply(BATCH, mongo, DocumentBatch.byAggregateId(DealDetailDocument.class), event);
    }

    /** Unknown, or another partner's registration, answers as {@code null}. */
    @QueryHandler
    CompletableFuture<DealView> handle(FindDealQuery query) {
        return mongo.findById(query.registrationId(), DealDetailDocument.class)
                .filter(deal -> query.viewerPartnerId() == null || query.viewerPartnerId().equals(deal.partnerId()))
                .map(deal -> deal.toView(query.viewerPartnerId()))
                .toFuture();
    }

    /** For the CRM integration: the vendor's view of the linked registration, or {@code null}. */
    @QueryHandler
    CompletableFuture<DealView> handle(FindDealByCrmOpportunityQuery query) {
        return mongo.findById(query.crmOpportunityId(), DealCrmLinkDocument.class)
                .flatMap(link -> mongo.findById(link.registrationId(), DealDetailDocument.class))
                .map(deal -> deal.toView(null))
                .toFuture();
    }

    @ResetHandler
    void reset() {
        mongo.dropCollection(DealDetailDocument.class)
                .then(mongo.dropCollection(DealCrmLinkDocument.class))
                .block();
    }

    /**
     * {@code registrationId} now holds its customer instead of {@code previousHolder}; registrations still contesting
     * the previous holder now contest the new one. Each document checks its own position in the claim stream, and the
     * new holder is written last, so a redelivery after a crash finishes the work and repeats none of it.
     */
    private void becomeHolder(DocumentBatch batch, String registrationId, String partnerId, String previousHolder, String stream,
                              long sequence, Instant at) {
        if (previousHolder != null) {
            // a rare event: scanning for the other contesters is fine here, after writing what the batch changed
            batch.flush();
            Query contesters = Query.query(Criteria.where(DealDetailDocument.HOLDER_REGISTRATION_ID).is(previousHolder)
                    .and(DealDetailDocument.STATUS).is(DealStatus.CONFLICT)
                    .and("_id").ne(registrationId));
            List<DealDetailDocument> others = mongo.find(contesters, DealDetailDocument.class).collectList().block();
            Holder newHolder = new Holder(registrationId, partnerId);
            Objects.requireNonNull(others).forEach(other ->
                    change(batch, other.id(), stream, sequence, at, deal -> deal.withHolder(newHolder)));
        }
        change(batch, registrationId, stream, sequence, at, DealDetailDocument::asHolder);
    }

    private void change(DocumentBatch batch, String registrationId, String stream, long sequence, Instant at,
                        UnaryOperator<DealDetailDocument> change) {
        DealDetailDocument current = find(batch, registrationId);
        if (current == null || current.covers(stream, sequence)) {
            return;
        }
        save(batch, change.apply(current).applied(stream, sequence, at));
    }

    private DealDetailDocument find(DocumentBatch batch, String registrationId) {
        return batch.find(DealDetailDocument.class, registrationId);
    }

    /**
     * A redelivered registration finds its document and leaves it (and its CRM link, which may have moved on since)
     * alone. The link is written first: a crash in between leaves a link the redelivery confirms, never a lost one.
     */
    private void register(DocumentBatch batch, DealDetailDocument deal) {
        if (find(batch, deal.id()) != null) {
            return;
        }
        link(batch, deal.crmOpportunityId(), deal.id());
        batch.save(deal);
        batch.afterWrite(() -> emit(deal));
    }

    private void save(DocumentBatch batch, DealDetailDocument deal) {
        batch.save(deal);
        batch.afterWrite(() -> emit(deal));
    }

    private void emit(DealDetailDocument deal) {
        updateEmitter.emit(FindDealQuery.class,
                query -> query.registrationId().equals(deal.id()) && query.viewerPartnerId() == null,
                deal.toView(null));
        updateEmitter.emit(FindDealQuery.class,
                query -> query.registrationId().equals(deal.id()) && deal.partnerId().equals(query.viewerPartnerId()),
                deal.toView(deal.partnerId()));
    }

    private void link(DocumentBatch batch, String crmOpportunityId, String registrationId) {
        if (crmOpportunityId != null) {
            batch.save(new DealCrmLinkDocument(crmOpportunityId, registrationId));
        }
    }

    /** Drops the link only while it still points at this registration (another may have taken the id since). */
    private void unlink(DocumentBatch batch, String crmOpportunityId, String registrationId) {
        DealCrmLinkDocument link = batch.find(DealCrmLinkDocument.class, crmOpportunityId);
        if (link != null && link.registrationId().equals(registrationId)) {
            batch.remove(DealCrmLinkDocument.class, crmOpportunityId);
        }
    }
}
