package io.channelbook.api.commission;

import java.time.LocalDate;

/** The draft became an immutable version, in force for deals closed on or after {@code effectiveFrom}. */
public record CommissionPlanPublishedEvent(String planId, int version, LocalDate effectiveFrom, CommissionPlanTerms terms) {
}
