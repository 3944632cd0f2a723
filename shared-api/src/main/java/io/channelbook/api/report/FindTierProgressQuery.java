package io.channelbook.api.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Each partner's sourced volume in {@code [from, to]} against the tier thresholds. */
public record FindTierProgressQuery(LocalDate from, LocalDate to, Instant asOf, List<TierThreshold> thresholds,
                                    ReportFilters filters) {
}
