package io.channelbook.query.partner;

import io.channelbook.api.partner.FindPartnersQuery;
import io.channelbook.api.partner.PartnerActivatedEvent;
import io.channelbook.api.partner.PartnerPage;
import io.channelbook.api.partner.PartnerRegisteredEvent;
import io.channelbook.api.partner.PartnerStatus;
import io.channelbook.api.partner.PartnerSummary;
import io.channelbook.api.partner.PartnerSuspendedEvent;
import io.channelbook.api.partner.PartnerTierChangedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * The partner list read model, ordered by legal name. Every change is also pushed to subscribers of
 * {@link FindPartnersQuery} whose filter it matches.
 */
@Component
@ProcessingGroup(PartnerListProjection.PROCESSING_GROUP)
class PartnerListProjection {

    static final String PROCESSING_GROUP = "partner-list";

    private final ReactiveMongoTemplate mongo;
    private final QueryUpdateEmitter updateEmitter;

    PartnerListProjection(ReactiveMongoTemplate mongo, QueryUpdateEmitter updateEmitter) {
        this.mongo = mongo;
        this.updateEmitter = updateEmitter;
    }

    @EventHandler
    void on(PartnerRegisteredEvent event, @Timestamp Instant at, @SequenceNumber long sequence) {
        PartnerListDocument document = new PartnerListDocument(event.partnerId(), event.legalName(),
                event.legalName().toLowerCase(Locale.ROOT), event.country(), event.programType(),
                PartnerStatus.ONBOARDING, at, sequence, null);
        boolean inserted = Boolean.TRUE.equals(mongo.insert(document).thenReturn(true)
                .onErrorReturn(DuplicateKeyException.class, false).block());
        if (inserted) {
            emit(document.toSummary());
        }
    }

    @EventHandler
    void on(PartnerActivatedEvent event, @Timestamp Instant at, @SequenceNumber long sequence) {
        changeStatus(event.partnerId(), PartnerStatus.ACTIVE, at, sequence);
    }

    @EventHandler
    void on(PartnerSuspendedEvent event, @Timestamp Instant at, @SequenceNumber long sequence) {
        changeStatus(event.partnerId(), PartnerStatus.SUSPENDED, at, sequence);
    }

    @EventHandler
    void on(PartnerTierChangedEvent event, @Timestamp Instant at, @SequenceNumber long sequence) {
        PartnerListDocument current = mongo.findById(event.partnerId(), PartnerListDocument.class).block();
        if (current == null || current.version() >= sequence) {
            return;
        }
        PartnerListDocument changed = current.withTier(event.tier(), at, sequence);
        mongo.save(changed).block();
        emit(changed.toSummary());
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

    private void changeStatus(String partnerId, PartnerStatus status, Instant at, long sequence) {
        PartnerListDocument current = mongo.findById(partnerId, PartnerListDocument.class).block();
        if (current == null || current.version() >= sequence) {
            return;
        }
        PartnerListDocument changed = current.withStatus(status, at, sequence);
        mongo.save(changed).block();
        emit(changed.toSummary());
    }

    private void emit(PartnerSummary summary) {
        updateEmitter.emit(FindPartnersQuery.class, query -> query.matches(summary), summary);
    }
}
