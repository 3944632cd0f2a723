package io.channelbook.api.commission;

/** A plan now applies to a scope; {@code previousPlanId} is the plan it replaced there, or null. */
public record CommissionPlanAssignedEvent(String assignmentsId, PlanScope scope, String planId, String previousPlanId) {
}
