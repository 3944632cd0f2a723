package io.channelbook.api.ledger;

import java.time.Instant;
import java.util.List;

/** The result of recomputing every balance from the raw event stream and comparing it with the read models. */
public record LedgerAuditReport(Instant startedAt, Instant finishedAt, long eventsRead, long ledgerEventsRead, int partnersChecked, List<LedgerDifference> differences) {
}
