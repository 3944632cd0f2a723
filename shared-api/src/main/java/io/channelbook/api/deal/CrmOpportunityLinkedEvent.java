package io.channelbook.api.deal;

/** CRM updates for {@code crmOpportunityId} now apply to this registration. */
public record CrmOpportunityLinkedEvent(String registrationId, String crmOpportunityId) {
}
