package io.channelbook.api.commission;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Creates a plan with its first draft. The id is chosen by the caller, so a retry is recognisable. */
public record CreateCommissionPlanCommand(@TargetAggregateIdentifier String planId, String name, CommissionPlanTerms draft) {
}
