package io.channelbook.api.report;

import java.time.Instant;
import java.time.LocalDate;

/**
 * What an attribution run computes. Deals count when their close date lies in {@code [from, to]} (either open);
 * events count when recorded at or before {@code asOf} and at or before the event position the run stops at
 * ({@code untilPosition}; when null, the head of the stream when the run starts). A run with the same parameters and
 * the same {@code untilPosition} reproduces a result exactly.
 */
public record AttributionRunParameters(AttributionModel model, TouchWeights weights, LocalDate from, LocalDate to,
                                       Instant asOf, ReportFilters filters, Long untilPosition) {
}
