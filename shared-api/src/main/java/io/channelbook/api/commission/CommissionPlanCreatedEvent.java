package io.channelbook.api.commission;

/** A plan was created with its first draft. */
public record CommissionPlanCreatedEvent(String planId, String name, CommissionPlanTerms draft) {
}
