package io.channelbook.api.deal;

import io.channelbook.api.money.Money;
import org.axonframework.commandhandling.RoutingKey;

import java.time.LocalDate;
import java.util.List;

/**
 * A partner registers a deal. The registration id is chosen at the edge; the partner id comes from the login.
 * {@code customerDomain} is already normalized (lower case, no scheme, no {@code www.}, registrable domain); all
 * registrations of one customer are decided in order, in one place, which is why it is the routing key.
 */
public record SubmitDealRegistrationCommand(
        String registrationId,
        String partnerId,
        String customerName,
        @RoutingKey String customerDomain,
        String customerCountry,
        CustomerContact customerContact,
        List<String> products,
        Money estimatedValue,
        LocalDate expectedCloseDate,
        String notes,
        String crmOpportunityId) {
}
