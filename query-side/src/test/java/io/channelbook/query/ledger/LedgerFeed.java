package io.channelbook.query.ledger;

import io.channelbook.api.common.MetadataKeys;
import io.channelbook.api.ledger.LedgerIds;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.MetaData;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Delivers ledger events as a streaming event processor does: tracked domain event messages of the partner's ledger
 * stream, numbered per stream and globally, with who/why metadata, through Axon's own annotation handling. Everything
 * published can be delivered again (at-least-once).
 */
public final class LedgerFeed {

    private final List<AnnotationEventHandlerAdapter> handlers = new ArrayList<>();
    private final Map<String, Long> nextSequence = new HashMap<>();
    private final List<TrackedEventMessage<?>> published = new ArrayList<>();
    private long nextPosition;

    public LedgerFeed(Object... handlers) {
        for (Object handler : handlers) {
            this.handlers.add(new AnnotationEventHandlerAdapter(handler));
        }
    }

    /** The next event of {@code partnerId}'s ledger, stamped {@code at}, caused by {@code actorId}. */
    public TrackedEventMessage<?> publish(String partnerId, Object event, Instant at, String actorId) {
        TrackedEventMessage<?> message = message(partnerId, event, at, actorId);
        deliver(message);
        return message;
    }

    /** The next event, numbered and kept for redelivery, but not delivered (a projection that lags). */
    public TrackedEventMessage<?> message(String partnerId, Object event, Instant at, String actorId) {
        String stream = LedgerIds.ofPartner(partnerId);
        long sequence = nextSequence.merge(stream, 1L, Long::sum) - 1;
        String eventId = UUID.randomUUID().toString();
        MetaData metaData = MetaData.with(MetadataKeys.ACTOR_ID, actorId)
                .and(MetadataKeys.ACTOR_ROLE, actorId.startsWith("system:") ? "SYSTEM" : "FINANCE")
                .and(MetadataKeys.CAUSATION_ID, "cmd-" + eventId)
                .and(MetadataKeys.CORRELATION_ID, "req-" + eventId);
        TrackedEventMessage<?> message = new GenericTrackedDomainEventMessage<>(
                new GlobalSequenceTrackingToken(nextPosition++),
                new GenericDomainEventMessage<>("Ledger", stream, sequence, event, metaData, eventId, at));
        published.add(message);
        return message;
    }

    public List<TrackedEventMessage<?>> published() {
        return List.copyOf(published);
    }

    /** At-least-once: every event published so far, once more and in the same order. */
    public void redeliverAll() {
        published().forEach(this::deliver);
    }

    public void deliver(TrackedEventMessage<?> message) {
        for (AnnotationEventHandlerAdapter handler : handlers) {
            try {
                handler.handle(message);
            } catch (Exception e) {
                throw new IllegalStateException("Handling " + message.getPayloadType().getSimpleName() + " failed", e);
            }
        }
    }

    public void reset() {
        handlers.forEach(AnnotationEventHandlerAdapter::prepareReset);
    }
}
