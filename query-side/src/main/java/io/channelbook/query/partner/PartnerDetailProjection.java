package io.channelbook.query.partner;

import io.channelbook.api.partner.FindPartnerQuery;
import io.channelbook.api.partner.PartnerActivatedEvent;
import io.channelbook.api.partner.PartnerRegisteredEvent;
import io.channelbook.api.partner.PartnerStatus;
import io.channelbook.api.partner.PartnerSuspendedEvent;
import io.channelbook.api.partner.PartnerTierChangedEvent;
import io.channelbook.api.partner.PartnerView;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/** The partner detail read model: one document per partner. */
@Component
@ProcessingGroup(PartnerDetailProjection.PROCESSING_GROUP)
class PartnerDetailProjection {

    static final String PROCESSING_GROUP = "partner-detail";

    private final ReactiveMongoTemplate mongo;

    PartnerDetailProjection(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @EventHandler
    void on(PartnerRegisteredEvent event, @Timestamp Instant at, @SequenceNumber long sequence) {
        PartnerDetailDocument document = new PartnerDetailDocument(event.partnerId(), event.legalName(),
                event.country(), event.websiteDomain(), event.programType(), event.primaryContact(),
                PartnerStatus.ONBOARDING, null, at, at, sequence, null);
        // a redelivered registration finds the document and leaves it alone
        mongo.insert(document).onErrorComplete(DuplicateKeyException.class).block();
    }

    @EventHandler
    void on(PartnerActivatedEvent event, @Timestamp Instant at, @SequenceNumber long sequence) {
        changeStatus(event.partnerId(), PartnerStatus.ACTIVE, event.reason(), at, sequence);
    }

    @EventHandler
    void on(PartnerSuspendedEvent event, @Timestamp Instant at, @SequenceNumber long sequence) {
        changeStatus(event.partnerId(), PartnerStatus.SUSPENDED, event.reason(), at, sequence);
    }

    @EventHandler
    void on(PartnerTierChangedEvent event, @Timestamp Instant at, @SequenceNumber long sequence) {
        PartnerDetailDocument current = mongo.findById(event.partnerId(), PartnerDetailDocument.class).block();
        if (current == null || current.version() >= sequence) {
            return;
        }
        mongo.save(current.withTier(event.tier(), at, sequence)).block();
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

    private void changeStatus(String partnerId, PartnerStatus status, String reason, Instant at, long sequence) {
        PartnerDetailDocument current = mongo.findById(partnerId, PartnerDetailDocument.class).block();
        if (current == null || current.version() >= sequence) {
            return;
        }
        mongo.save(current.withStatus(status, reason, at, sequence)).block();
    }
}
