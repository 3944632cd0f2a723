package io.channelbook.api.commission;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replaces the plan's draft terms (starting a new draft after a publication). */
public record UpdateCommissionPlanDraftCommand(@TargetAggregateIdentifier String planId, CommissionPlanTerms draft) {
}
