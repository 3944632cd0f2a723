package io.channelbook.query.audit;

import io.channelbook.api.audit.AuditTrail;
import io.channelbook.api.audit.FindAuditTrailQuery;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The audit trail read model: who caused every event of every aggregate, when, and through which request. It records
 * each event's metadata and type, never its payload.
 * <p>
 * Axon hands the events of one aggregate to this handler one at a time and in order (sequencing per aggregate), so
 * reading a bucket and then appending to it does not race with another entry of the same aggregate.
 */
@Component
@ProcessingGroup(AuditTrailProjection.PROCESSING_GROUP)
class AuditTrailProjection {

    static final String PROCESSING_GROUP = "audit-trail";

    private final ReactiveMongoTemplate mongo;

    AuditTrailProjection(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @EventHandler
    void on(DomainEventMessage<?> event) {
        long bucket = AuditBucketDocument.bucketOf(event.getSequenceNumber());
        String bucketId = AuditBucketDocument.id(event.getAggregateIdentifier(), bucket);
        Query byId = Query.query(Criteria.where("_id").is(bucketId));
        if (alreadyRecorded(byId, event.getSequenceNumber())) {
            return;
        }
        Update append = new Update()
                .setOnInsert("aggregateId", event.getAggregateIdentifier())
                .setOnInsert("bucket", bucket)
                .push(AuditBucketDocument.ENTRIES)
                .sort(Sort.by(AuditBucketDocument.SEQUENCE_NUMBER))
                .each(AuditBucketDocument.Entry.of(event));
        mongo.upsert(byId, append, AuditBucketDocument.class).block();
    }

    @QueryHandler
    CompletableFuture<AuditTrail> handle(FindAuditTrailQuery query) {
        String aggregateId = query.aggregateId();
        return bucket(aggregateId, 0)
                .expand(found -> bucket(aggregateId, found.bucket() + 1))
                .concatMapIterable(AuditBucketDocument::entries)
                .map(entry -> entry.toAuditEntry(aggregateId))
                .collectList()
                .map(entries -> new AuditTrail(aggregateId, entries))
                .toFuture();
    }

    @ResetHandler
    void reset() {
        mongo.dropCollection(AuditBucketDocument.class).block();
    }

    private Mono<AuditBucketDocument> bucket(String aggregateId, long bucket) {
        return mongo.findById(AuditBucketDocument.id(aggregateId, bucket), AuditBucketDocument.class);
    }

    /** Redelivery (at-least-once) finds its sequence number already in the bucket; only the numbers are read. */
    private boolean alreadyRecorded(Query byId, long sequenceNumber) {
        Query numbersOnly = Query.of(byId);
        numbersOnly.fields().include(AuditBucketDocument.ENTRIES + "." + AuditBucketDocument.SEQUENCE_NUMBER);
        Document numbers = mongo.findOne(numbersOnly, Document.class, AuditBucketDocument.COLLECTION).block();
        if (numbers == null) {
            return false;
        }
        List<Document> entries = numbers.getList(AuditBucketDocument.ENTRIES, Document.class, List.of());
        return entries.stream().anyMatch(entry -> entry.get(AuditBucketDocument.SEQUENCE_NUMBER, Number.class).longValue() == sequenceNumber);
    }
}
