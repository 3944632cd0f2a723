package io.channelbook.api.report;

import java.time.Instant;
import java.time.LocalDate;

/** Sourced, influenced and delivered revenue per month of close in {@code [from, to]} (either open). */
public record FindRevenueOverTimeQuery(LocalDate from, LocalDate to, Instant asOf, ReportFilters filters) {
}
