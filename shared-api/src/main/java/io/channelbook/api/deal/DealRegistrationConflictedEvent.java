package io.channelbook.api.deal;

import io.channelbook.api.money.Money;

import java.time.LocalDate;
import java.util.List;

/**
 * A partner registered a deal for a customer that another registration holds already. The registration is recorded
 * in full, in {@code CONFLICT}, pointing at the holder; partners are never shown who the holder is.
 */
public record DealRegistrationConflictedEvent(
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
        String crmOpportunityId,
        String holderRegistrationId,
        String holderPartnerId) {
}
