package io.channelbook.query.partner;

import io.channelbook.api.partner.FindPartnersQuery;
import io.channelbook.api.partner.PartnerActivatedEvent;
import io.channelbook.api.partner.PartnerPage;
import io.channelbook.api.partner.PartnerRegisteredEvent;
import io.channelbook.api.partner.PartnerStatus;
import io.channelbook.api.partner.PartnerSummary;
import io.channelbook.api.partner.PartnerSuspendedEvent;
import io.channelbook.api.partner.PartnerTierChangedEvent;
import io.channelbook.query.infrastructure.DocumentBatch;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The partner list read model, ordered by legal name. Every change is also pushed to subscribers of
 * {@link FindPartnersQuery} whose filter it matches, once the batch it is in is written (events are applied in the
 * processor's batches, {@link DocumentBatch}: the batch's partners read with one query, written with one bulk write).
 */
@Component
@ProcessingGroup(PartnerListProjection.PROCESSING_GROUP)
class PartnerListProjection {

    static final String PROCESSING_GROUP = "partner-list";

    private static final String BATCH = PartnerListProjection.class.getName();

    private final ReactiveMongoTemplate mongo;
    private final QueryUpdateEmitter updateEmitter;

    PartnerListProjection(ReactiveMongoTemplate mongo, QueryUpdateEmitter updateEmitter) {
        this.mongo = mongo;
        this.updateEmitter = updateEmitter;
    }

    @EventHandler
    void on(PartnerRegisteredEvent event, @Timestamp Instant at, @SequenceNumber long sequence) {
        inBatch(batch -> {
            // a redelivered registration finds the document and leaves it alone
            if (batch.find(PartnerListDocument.class, event.partnerId()) == null) {
                PartnerListDocument document = new PartnerListDocument(event.partnerId(), event.legalName(),
                        event.legalName().toLowerCase(Locale.ROOT), event.country(), event.programType(),
                        PartnerStatus.ONBOARDING, at, sequence, null);
                batch.save(document);
                batch.afterWrite(() -> emit(document.toSummary()));
            }
        });
    }

    @EventHandler
    void on(PartnerActivatedEvent event, @Timestamp Instant at, @SequenceNumber long sequence) {
        change(event.partnerId(), sequence, current -> current.withStatus(PartnerStatus.ACTIVE, at, sequence));
    }

    @EventHandler
    void on(PartnerSuspendedEvent event, @Timestamp Instant at, @SequenceNumber long sequence) {
        change(event.partnerId(), sequence, current -> current.withStatus(PartnerStatus.SUSPENDED, at, sequence));
    }

    @EventHandler
    void on(PartnerTierChangedEvent event, @Timestamp Instant at, @SequenceNumber long sequence) {
        change(event.partnerId(), sequence, current -> current.withTier(event.tier(), at, sequence));
    }

    @QueryHandler
    CompletableFuture<PartnerPage> handle(FindPartnersQuery query) {
        Query filter = query.status() == null ? new Query() : Query.query(Criteria.where("status").is(query.status()));
        Mono<Long> total = mongo.count(filter, PartnerListDocument.class);
        Query page = Query.of(filter)
                .with(Sort.by("sortName", "_id"))
                .skip((long) query.page() * query.size())
                .limit(query.size());
        return mongo.find(page, PartnerListDocument.class)
                .map(PartnerListDocument::toSummary)
                .collectList()
                .zipWith(total, (items, count) -> new PartnerPage(items, query.page(), query.size(), count))
                .toFuture();
    }

    @ResetHandler
    void reset() {
        mongo.dropCollection(PartnerListDocument.class).block();
    }

    /**
     * Changes the partner's document unless it already has this event (its version is the stream sequence); the
     * change is pushed to subscribers once the batch is written.
     */
    private void change(String partnerId, long sequence, UnaryOperator<PartnerListDocument> change) {
        inBatch(batch -> {
            PartnerListDocument current = batch.find(PartnerListDocument.class, partnerId);
            if (current != null && current.version() < sequence) {
                PartnerListDocument changed = change.apply(current);
                batch.save(changed);
                batch.afterWrite(() -> emit(changed.toSummary()));
            }
        });
    }

    /** Applies one event in the processor's batch, written after its last ({@link DocumentBatch#apply}). */
    private void inBatch(Consumer<DocumentBatch> event) {
        DocumentBatch.apply(BATCH, mongo, DocumentBatch.byAggregateId(PartnerListDocument.class), event);
    }

    private void emit(PartnerSummary summary) {
        updateEmitter.emit(FindPartnersQuery.class, query -> query.matches(summary), summary);
    }
}
