package io.channelbook.query.partner;

import io.channelbook.api.partner.FindPartnerQuery;
import io.channelbook.api.partner.PartnerActivatedEvent;
import io.channelbook.api.partner.PartnerRegisteredEvent;
import io.channelbook.api.partner.PartnerStatus;
import io.channelbook.api.partner.PartnerSuspendedEvent;
import io.channelbook.api.partner.PartnerTierChangedEvent;
import io.channelbook.api.partner.PartnerView;
import io.channelbook.query.infrastructure.DocumentBatch;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The partner detail read model: one document per partner. Events are applied in the processor's batches
 * ({@link DocumentBatch}: the batch's partners read with one query, written with one bulk write).
 */
@Component
@ProcessingGroup(PartnerDetailProjection.PROCESSING_GROUP)
class PartnerDetailProjection {

    static final String PROCESSING_GROUP = "partner-detail";

    private static final String BATCH = PartnerDetailProjection.class.getName();

    private final ReactiveMongoTemplate mongo;

    PartnerDetailProjection(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @EventHandler
    void on(PartnerRegisteredEvent event, @Timestamp Instant at, @SequenceNumber long sequence) {
        inBatch(batch -> {
            // a redelivered registration finds the document and leaves it alone
            if (batch.find(PartnerDetailDocument.class, event.partnerId()) == null) {
                batch.save(new PartnerDetailDocument(event.partnerId(), event.legalName(), event.country(),
                        event.websiteDomain(), event.programType(), event.primaryContact(), PartnerStatus.ONBOARDING,
                        null, at, at, sequence, null));
            }
        });
    }

    @EventHandler
    void on(PartnerActivatedEvent event, @Timestamp Instant at, @SequenceNumber long sequence) {
        change(event.partnerId(), sequence, current -> current.withStatus(PartnerStatus.ACTIVE, event.reason(), at,
                sequence));
    }

    @EventHandler
    void on(PartnerSuspendedEvent event, @Timestamp Instant at, @SequenceNumber long sequence) {
        change(event.partnerId(), sequence, current -> current.withStatus(PartnerStatus.SUSPENDED, event.reason(), at,
                sequence));
    }

    @EventHandler
    void on(PartnerTierChangedEvent event, @Timestamp Instant at, @SequenceNumber long sequence) {
        change(event.partnerId(), sequence, current -> current.withTier(event.tier(), at, sequence));
    }

    @QueryHandler
    CompletableFuture<PartnerView> handle(FindPartnerQuery query) {
        return mongo.findById(query.partnerId(), PartnerDetailDocument.class)
                .map(PartnerDetailDocument::toView)
                .toFuture();
    }

    @ResetHandler
    void reset() {
        mongo.dropCollection(PartnerDetailDocument.class).block();
    }

    /** Changes the partner's document unless it already has this event (its version is the stream sequence). */
    private void change(String partnerId, long sequence, UnaryOperator<PartnerDetailDocument> change) {
        inBatch(batch -> {
            PartnerDetailDocument current = batch.find(PartnerDetailDocument.class, partnerId);
            if (current != null && current.version() < sequence) {
                batch.save(change.apply(current));
            }
        });
    }

    /** Applies one event in the processor's batch, written after its last ({@link DocumentBatch#apply}). */
    private void inBatch(Consumer<DocumentBatch> event) {
        DocumentBatch.apply(BATCH, mongo, DocumentBatch.byAggregateId(PartnerDetailDocument.class), event);
    }
}
