package io.channelbook.api.deal;

import io.channelbook.api.money.Money;

import java.time.LocalDate;
import java.util.List;

/** A partner registered a deal and it holds the claim on its customer while under review. */
public record DealRegistrationSubmittedEvent(
        String registrationId,
        String partnerId,
        String customerName,
        String customerDomain,
        String customerCountry,
        CustomerContact customerContact,
        List<String> products,
        Money estimatedValue,
        LocalDate expectedCloseDate,
        String notes,
        String crmOpportunityId) {
}
