package io.channelbook.api.commission;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Assigns a plan to the program, a tier or a partner (one plan per scope; a new assignment replaces the old). */
public record AssignCommissionPlanCommand(@TargetAggregateIdentifier String assignmentsId, PlanScope scope, String planId) {
}
