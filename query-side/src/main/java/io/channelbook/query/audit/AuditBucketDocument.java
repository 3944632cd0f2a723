package io.channelbook.query.audit;

import io.channelbook.api.audit.AuditEntry;
import io.channelbook.api.common.MetadataKeys;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.List;

/**
 * Up to {@value #SIZE} consecutive audit entries of one aggregate, keyed {@code aggregateId#bucket} where bucket is
 * {@code sequenceNumber / SIZE}: a trail is read by id, bucket after bucket, and no document grows without bound.
 */
@Document(AuditBucketDocument.COLLECTION)
record AuditBucketDocument(@Id String id, String aggregateId, long bucket, List<Entry> entries) {

    static final String COLLECTION = "audit_trail";
    static final int SIZE = 100;
    static final String ENTRIES = "entries";
    static final String SEQUENCE_NUMBER = "sequenceNumber";

    static String id(String aggregateId, long bucket) {
        return aggregateId + "#" + bucket;
    }

    static long bucketOf(long sequenceNumber) {
        return sequenceNumber / SIZE;
    }

    /** One event's who/why; deliberately without the payload, so no secret can reach the audit trail. */
    record Entry(
            String eventId,
            String aggregateType,
            long sequenceNumber,
            String eventType,
            Instant timestamp,
            String actorId,
            String actorRole,
            String actorPartnerId,
            String requestId,
            String correlationId,
            String causationId,
            String clientAddress) {

        static Entry of(DomainEventMessage<?> event) {
            MetaData metaData = event.getMetaData();
            return new Entry(
                    event.getIdentifier(),
                    event.getType(),
                    event.getSequenceNumber(),
                    event.getPayloadType().getSimpleName(),
                    event.getTimestamp(),
                    text(metaData, MetadataKeys.ACTOR_ID),
                    text(metaData, MetadataKeys.ACTOR_ROLE),
                    text(metaData, MetadataKeys.ACTOR_PARTNER_ID),
                    text(metaData, MetadataKeys.REQUEST_ID),
                    text(metaData, MetadataKeys.CORRELATION_ID),
                    text(metaData, MetadataKeys.CAUSATION_ID),
                    text(metaData, MetadataKeys.CLIENT_ADDRESS));
        }

        AuditEntry toAuditEntry(String aggregateId) {
            return new AuditEntry(eventId, aggregateType, aggregateId, sequenceNumber, eventType, timestamp, actorId,
                    actorRole, actorPartnerId, requestId, correlationId, causationId, clientAddress);
        }

        private static String text(MetaData metaData, String key) {
            Object value = metaData.get(key);
            return value == null ? null : value.toString();
        }
    }
}
