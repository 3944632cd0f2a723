package io.channelbook.command.commission.engine;

import io.channelbook.api.commission.CommissionPlanTerms;

import java.time.LocalDate;

/** A published, immutable plan version. */
public record PlanVersion(String planId, int version, LocalDate effectiveFrom, CommissionPlanTerms terms) {
}
