package io.channelbook.api.deal;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Links a registration to the CRM opportunity that CRM updates will name. */
public record LinkCrmOpportunityCommand(@TargetAggregateIdentifier String registrationId, String crmOpportunityId) {
}
