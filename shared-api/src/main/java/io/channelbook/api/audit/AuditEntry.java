package io.channelbook.api.audit;

import java.time.Instant;

/**
 * Who did what, when and through which request: one event of an aggregate, described by its who/why metadata only.
 * The event's payload is never part of the audit trail.
 *
 * @param eventType     the simple name of the event's payload class, e.g. {@code PartnerActivatedEvent}
 * @param correlationId groups everything one business request caused
 * @param causationId   the id of the message (usually the command) that directly caused this event
 */
public record AuditEntry(
        String eventId,
        String aggregateType,
        String aggregateId,
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
}
