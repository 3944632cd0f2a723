package io.channelbook.query.deal;

import io.channelbook.api.deal.CustomerClaimContestedEvent;
import io.channelbook.api.deal.CustomerClaimedEvent;
import io.channelbook.api.deal.CustomerContact;
import io.channelbook.api.deal.DealRegistrationConflictedEvent;
import io.channelbook.api.deal.DealRegistrationSubmittedEvent;
import io.channelbook.api.money.Money;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Deal registrations as the command side records them: the customer's claim first, then the registration. */
final class DealEvents {

    static final CustomerContact CONTACT = new CustomerContact("Carla Buyer", "carla@customer.example");
    static final LocalDate EXPECTED_CLOSE = LocalDate.parse("2026-06-30");

    private DealEvents() {
    }

    static Money eur(long minor) {
        return Money.ofMinor(minor, "EUR");
    }

    static Money usd(long minor) {
        return Money.ofMinor(minor, "USD");
    }

    static DealRegistrationSubmittedEvent submitted(String registrationId, String partnerId, String domain,
                                                    Money value, String crmOpportunityId) {
        return new DealRegistrationSubmittedEvent(registrationId, partnerId, "Customer " + domain, domain, "DE",
                CONTACT, List.of("sku-analytics", "sku-storage"), value, EXPECTED_CLOSE, "met at the fair",
                crmOpportunityId);
    }

    static DealRegistrationConflictedEvent conflicted(String registrationId, String partnerId, String domain,
                                                      Money value, String holderRegistrationId,
                                                      String holderPartnerId) {
        return new DealRegistrationConflictedEvent(registrationId, partnerId, "Customer " + domain, domain, "DE",
                CONTACT, List.of("sku-analytics"), value, EXPECTED_CLOSE, "we were first", null,
                holderRegistrationId, holderPartnerId);
    }

    /** A registration of a customer nobody holds: it claims the customer. */
    static void submit(EventFeed feed, String registrationId, String partnerId, String domain, Money value,
                       Instant at) {
        feed.publish(domain, new CustomerClaimedEvent(domain, registrationId, partnerId), at);
        feed.publish(registrationId, submitted(registrationId, partnerId, domain, value, null), at);
    }

    /** A later registration of a held customer: it contests the holder's claim. */
    static void contest(EventFeed feed, String registrationId, String partnerId, String domain, Money value,
                        String holderRegistrationId, String holderPartnerId, Instant at) {
        feed.publish(domain, new CustomerClaimContestedEvent(domain, registrationId, partnerId, holderRegistrationId),
                at);
        feed.publish(registrationId,
                conflicted(registrationId, partnerId, domain, value, holderRegistrationId, holderPartnerId), at);
    }
}
