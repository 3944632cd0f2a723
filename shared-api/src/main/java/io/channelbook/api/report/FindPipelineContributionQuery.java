package io.channelbook.api.report;

import java.time.Instant;

/** Open registered deals as of {@code asOf} (null: now), replayed from the event history. */
public record FindPipelineContributionQuery(Instant asOf, ReportFilters filters) {
}
