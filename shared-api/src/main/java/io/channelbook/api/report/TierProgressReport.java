package io.channelbook.api.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Tier qualification progress for the period {@code [from, to]}. */
public record TierProgressReport(Instant asOf, long position, LocalDate from, LocalDate to,
                                 List<TierThreshold> thresholds, List<TierProgressRow> rows) {
}
