package io.channelbook.api.audit;

/** Every event of one aggregate, in order, with who caused it and through which request; answered with an {@link AuditTrail}. */
public record FindAuditTrailQuery(String aggregateId) {
}
