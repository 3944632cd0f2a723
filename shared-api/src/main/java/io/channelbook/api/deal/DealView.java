package io.channelbook.api.deal;

import io.channelbook.api.money.Money;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Everything about one registration. For a partner viewer {@code holderRegistrationId} and
 * {@code holderPartnerId} are always null: a partner learns that a conflict exists, never with whom.
 */
public record DealView(
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
        DealStatus status,
        Instant submittedAt,
        Instant updatedAt,
        Instant protectedUntil,
        Integer extensionRequestedDays,
        boolean inConflict,
        String holderRegistrationId,
        String holderPartnerId,
        String rejectionCode,
        String rejectionReason,
        Money closedAmount,
        LocalDate closeDate,
        List<LineItem> lineItems,
        String lostReason,
        Money refundedTotal,
        List<DealTouch> touches,
        long version) {
}
