package io.channelbook.query.deal;

import io.channelbook.query.infrastructure.ProcessorBatch;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Delivers events to projections as an event processor does: as domain event messages of one stream (aggregate)
 * each, numbered per stream, through Axon's own annotation handling (so {@code @SourceId}, {@code @SequenceNumber}
 * and {@code @Timestamp} are resolved for real). Everything published can be delivered again, as at-least-once
 * delivery does after a crash.
 */
final class EventFeed {

    private final List<AnnotationEventHandlerAdapter> projections = new ArrayList<>();
    private final Map<String, Long> nextSequence = new HashMap<>();
    private final List<DomainEventMessage<?>> published = new ArrayList<>();

    EventFeed(Object... projections) {
        for (Object projection : projections) {
            this.projections.add(new AnnotationEventHandlerAdapter(projection));
        }
    }

    /** The next event of {@code stream} (an aggregate id), stamped {@code at}. */
    DomainEventMessage<?> publish(String stream, Object event, Instant at) {
        long sequence = nextSequence.merge(stream, 1L, Long::sum) - 1;
        DomainEventMessage<?> message = new GenericDomainEventMessage<>("Aggregate", stream, sequence, event,
                MetaData.emptyInstance(), UUID.randomUUID().toString(), at);
        published.add(message);
        deliver(message);
        return message;
    }

    long nextSequence(String stream) {
        return nextSequence.getOrDefault(stream, 0L);
    }

    /** At-least-once: every event published so far, once more and in the same order. */
    void redeliverAll() {
        List.copyOf(published).forEach(this::deliver);
    }

    /** Every event published so far, once more, as a streaming processor's batch: one batching unit of work. */
    void redeliverAllInOneBatch() {
        ProcessorBatch.handle(List.copyOf(published), this::deliver);
    }

    void deliver(DomainEventMessage<?> message) {
        for (AnnotationEventHandlerAdapter projection : projections) {
            try {
                projection.handle(message);
            } catch (Exception e) {
                throw new IllegalStateException("Handling " + message.getPayloadType().getSimpleName() + " failed", e);
            }
        }
    }

    void reset() {
        projections.forEach(AnnotationEventHandlerAdapter::prepareReset);
    }
}
