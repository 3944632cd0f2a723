package io.channelbook.api.report;

import java.time.Instant;
import java.util.List;

/** Open pipeline per partner, stage and currency, as the history stood at {@code asOf} (up to event {@code position}). */
public record PipelineContributionReport(Instant asOf, long position, List<PipelineRow> rows) {
}
