package io.channelbook.query.audit;

import io.channelbook.api.audit.AuditTrail;
import io.channelbook.api.audit.FindAuditTrailQuery;
import io.channelbook.query.infrastructure.ProcessorBatches;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations.BulkMode;
import org.springframework.data.mongodb.core.ReactiveBulkOperations;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The audit trail read model: who caused every event of every aggregate, when, and through which request. It records
 * each event's metadata and type, never its payload.
 * <p>
 * Axon hands the events of one aggregate to this handler in order (sequencing per aggregate), so reading a bucket and
 * then appending to it does not race with another entry of the same aggregate. A processor's batch of events is
 * written with one upsert per bucket it touches ({@link ProcessorBatches}).
 */
@Component
@ProcessingGroup(AuditTrailProjection.PROCESSING_GROUP)
class AuditTrailProjection {

    static final String PROCESSING_GROUP = "audit-trail";

    private static final String BATCH = AuditTrailProjection.class.getName() + ".batch";

    private final ReactiveMongoTemplate mongo;

    AuditTrailProjection(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @EventHandler
    void on(DomainEventMessage<?> event) {
        AuditBatch batch = ProcessorBatches.current(BATCH, events -> new AuditBatch(buckets(events)));
        batch.add(event);
        if (ProcessorBatches.endOfBatch(BATCH)) {
            batch.write();
        }
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

    private static Set<String> buckets(List<? extends EventMessage<?>> events) {
        Set<String> ids = new HashSet<>();
        for (EventMessage<?> event : events) {
            if (event instanceof DomainEventMessage<?> domain) {
                ids.add(AuditBucketDocument.id(domain.getAggregateIdentifier(),
                        AuditBucketDocument.bucketOf(domain.getSequenceNumber())));
            }
        }
        return ids;
    }

    /**
     * One batch of events: the sequence numbers already recorded in the buckets it touches (read once, only the
     * numbers), and the entries to append, written with one upsert per bucket in one bulk write. A redelivered event
     * (at-least-once) finds its number already there and is skipped.
     */
    private final class AuditBatch {

        private final Map<String, Set<Long>> recorded = new HashMap<>();
        private final Map<String, List<AuditBucketDocument.Entry>> appended = new LinkedHashMap<>();
        private final Map<String, DomainEventMessage<?>> firstOf = new HashMap<>();

        AuditBatch(Set<String> bucketIds) {
            if (bucketIds.size() > 1) {
                bucketIds.forEach(id -> recorded.put(id, new HashSet<>()));
                numbers(Query.query(Criteria.where("_id").in(bucketIds)))
                        .forEach((id, numbers) -> recorded.get(id).addAll(numbers));
            }
        }

        void add(DomainEventMessage<?> event) {
            String bucketId = AuditBucketDocument.id(event.getAggregateIdentifier(),
                    AuditBucketDocument.bucketOf(event.getSequenceNumber()));
            Set<Long> numbers = recorded.computeIfAbsent(bucketId, id ->
                    new HashSet<>(numbers(Query.query(Criteria.where("_id").is(id))).getOrDefault(id, Set.of())));
            if (numbers.add(event.getSequenceNumber())) {
                appended.computeIfAbsent(bucketId, id -> new ArrayList<>()).add(AuditBucketDocument.Entry.of(event));
                firstOf.putIfAbsent(bucketId, event);
            }
        }

        void write() {
            if (appended.isEmpty()) {
                return;
            }
            ReactiveBulkOperations bulk = mongo.bulkOps(BulkMode.UNORDERED, AuditBucketDocument.class);
            appended.forEach((bucketId, entries) -> {
                DomainEventMessage<?> first = firstOf.get(bucketId);
                bulk.upsert(Query.query(Criteria.where("_id").is(bucketId)), new Update()
                        .setOnInsert("aggregateId", first.getAggregateIdentifier())
                        .setOnInsert("bucket", AuditBucketDocument.bucketOf(first.getSequenceNumber()))
                        .push(AuditBucketDocument.ENTRIES)
                        .sort(Sort.by(AuditBucketDocument.SEQUENCE_NUMBER))
                        .each(entries.toArray()));
            });
            bulk.execute().block();
        }

        /** The sequence numbers recorded in the buckets the query selects, by bucket id. */
        private Map<String, Set<Long>> numbers(Query buckets) {
            buckets.fields().include(AuditBucketDocument.ENTRIES + "." + AuditBucketDocument.SEQUENCE_NUMBER);
            Map<String, Set<Long>> numbers = new HashMap<>();
            List<Document> found = mongo.find(buckets, Document.class, AuditBucketDocument.COLLECTION)
                    .collectList().block();
            for (Document bucket : found == null ? List.<Document>of() : found) {
                Set<Long> inBucket = new HashSet<>();
                bucket.getList(AuditBucketDocument.ENTRIES, Document.class, List.of()).forEach(entry ->
                        inBucket.add(entry.get(AuditBucketDocument.SEQUENCE_NUMBER, Number.class).longValue()));
                numbers.put(bucket.getString("_id"), inBucket);
            }
            return numbers;
        }
    }
}
