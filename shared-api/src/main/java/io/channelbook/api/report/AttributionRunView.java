package io.channelbook.api.report;

import java.time.Instant;
import java.util.List;

/**
 * An attribution run: its parameters, who asked, how far it got and, once COMPLETED ({@code complete} true), its
 * rows and totals. A run that is not complete shows no rows: a cancelled or failed run's partial fold is never kept.
 * Lists of runs leave {@code rows} and {@code totals} empty.
 */
public record AttributionRunView(String runId, AttributionRunParameters parameters, String requestedBy,
                                 Instant requestedAt, ReplayProgress progress, boolean complete,
                                 List<AttributionRow> rows, List<AttributionTotal> totals) {
}
