package io.channelbook.api.commission;

import java.time.Instant;
import java.time.LocalDate;

/** One published version of a plan. */
public record PlanVersionView(int version, LocalDate effectiveFrom, Instant publishedAt, CommissionPlanTerms terms) {
}
