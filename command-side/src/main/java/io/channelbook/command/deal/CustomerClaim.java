package io.channelbook.command.deal;

import io.channelbook.api.deal.CustomerClaimContestedEvent;
import io.channelbook.api.deal.CustomerClaimReleasedEvent;
import io.channelbook.api.deal.CustomerClaimedEvent;
import io.channelbook.api.deal.ProtectionTransferredEvent;
import io.channelbook.command.DomainRuleViolation;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import io.channelbook.command.infrastructure.AggregateCaches;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One customer (its normalized website domain) and the registrations that asked for it, in the order they came. Its
 * event stream is the proof of who registered first: one stream per customer, every registration of the customer
 * recorded in it with a gap-free sequence number.
 * <p>
 * At most one registration holds the claim. Later registrations contest it and stay in conflict until a channel
 * manager resolves them; when the holder lets go, the claim is free and the next registration to arrive (or a
 * contester a manager lets proceed) claims it. Contesters are not promoted automatically: who comes next after a
 * holder is a manager's decision. The list of contesters is the order of contest; whether a contester is still open
 * is its registration's business.
 * <p>
 * The claim has no command handlers: {@link DealSubmissionHandler} changes it together with the registrations, in one
 * unit of work, while the repository holds the claim's lock.
 */
@Aggregate(cache = AggregateCaches.CUSTOMER_CLAIMS)
class CustomerClaim {

    @AggregateIdentifier
    private String customerDomain;
    private String holderRegistrationId;
    private String holderPartnerId;
    private final List<String> contesters = new ArrayList<>();
    private final Set<String> registrations = new HashSet<>();

    CustomerClaim() {
        // for Axon's event sourcing, and for a customer's first registration (Repository.loadOrCreate)
    }

    /** Records a new registration of the customer: it claims the customer if nobody holds it, else it contests. */
    ClaimOutcome record(String domain, String registrationId, String partnerId) {
        if (registrations.contains(registrationId)) {
            throw DomainRuleViolation.conflict("deal_already_submitted",
                    "Deal " + registrationId + " is already registered for " + domain);
        }
        if (holderRegistrationId == null) {
            apply(new CustomerClaimedEvent(domain, registrationId, partnerId));
            return ClaimOutcome.holding();
        }
        ClaimOutcome outcome = ClaimOutcome.contesting(holderRegistrationId, holderPartnerId);
        apply(new CustomerClaimContestedEvent(domain, registrationId, partnerId, holderRegistrationId));
        return outcome;
    }

    /** The holder let go of the customer ({@code reason}: how its registration ended); the claim is free. */
    void release(String registrationId, String reason) {
        if (!registrationId.equals(holderRegistrationId)) {
            throw new IllegalStateException(registrationId + " does not hold " + customerDomain);
        }
        apply(new CustomerClaimReleasedEvent(customerDomain, registrationId, reason));
    }

    /** A contester takes over a free claim, because a manager let it proceed. */
    void claimFor(String registrationId, String partnerId) {
        requireContester(registrationId);
        if (holderRegistrationId != null) {
            throw new IllegalStateException(customerDomain + " is held by " + holderRegistrationId);
        }
        apply(new CustomerClaimedEvent(customerDomain, registrationId, partnerId));
    }

    /** A manager moved the protection from the holder to a contester. */
    void transferTo(String registrationId, String partnerId) {
        requireContester(registrationId);
        if (holderRegistrationId == null) {
            throw new IllegalStateException(customerDomain + " is not held by anyone");
        }
        apply(new ProtectionTransferredEvent(customerDomain, holderRegistrationId, registrationId, partnerId));
    }

    /** The registration that holds the customer, or {@code null} while the claim is free. */
    String holderRegistrationId() {
        return holderRegistrationId;
    }

    /** Whether the registration was ever recorded for this customer. */
    boolean hasRecorded(String registrationId) {
        return registrations.contains(registrationId);
    }

    private void requireContester(String registrationId) {
        if (!contesters.contains(registrationId)) {
            throw new IllegalStateException(registrationId + " does not contest " + customerDomain);
        }
    }

    @EventSourcingHandler
    void on(CustomerClaimedEvent event) {
        customerDomain = event.customerDomain();
        holderRegistrationId = event.registrationId();
        holderPartnerId = event.partnerId();
        registrations.add(event.registrationId());
        contesters.remove(event.registrationId());
    }

    @EventSourcingHandler
    void on(CustomerClaimContestedEvent event) {
        customerDomain = event.customerDomain();
        registrations.add(event.registrationId());
        contesters.add(event.registrationId());
    }

    @EventSourcingHandler
    void on(CustomerClaimReleasedEvent event) {
        holderRegistrationId = null;
        holderPartnerId = null;
    }

    @EventSourcingHandler
    void on(ProtectionTransferredEvent event) {
        holderRegistrationId = event.toRegistrationId();
        holderPartnerId = event.toPartnerId();
        contesters.remove(event.toRegistrationId());
    }
}
