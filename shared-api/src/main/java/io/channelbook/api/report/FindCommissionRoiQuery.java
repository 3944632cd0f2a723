package io.channelbook.api.report;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Commission cost against attributed revenue (under {@code model}, null: WEIGHTED with {@code weights}, null: 60/30/10)
 * per partner and tier, for deals closed and commission earned in {@code [from, to]}.
 */
public record FindCommissionRoiQuery(LocalDate from, LocalDate to, Instant asOf, AttributionModel model,
                                     TouchWeights weights, ReportFilters filters) {
}
