package io.channelbook.api.commission;

/** One plan by id. */
public record FindCommissionPlanQuery(String planId) {
}
