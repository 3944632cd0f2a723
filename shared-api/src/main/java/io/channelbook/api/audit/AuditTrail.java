package io.channelbook.api.audit;

import java.util.List;

/** The audit trail of one aggregate, ordered by sequence number; empty when nothing has been recorded for it. */
public record AuditTrail(String aggregateId, List<AuditEntry> entries) {
}
