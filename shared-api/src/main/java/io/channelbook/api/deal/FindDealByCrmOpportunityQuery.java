package io.channelbook.api.deal;

/** The registration linked to a CRM opportunity id; answered with its {@link DealView} or {@code null}. */
public record FindDealByCrmOpportunityQuery(String crmOpportunityId) {
}
