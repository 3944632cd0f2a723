package io.channelbook.command.deal;

import io.channelbook.api.deal.DealStatus;
import io.channelbook.api.deal.LogInfluenceForCustomerCommand;
import io.channelbook.api.deal.LogPartnerTouchCommand;
import io.channelbook.api.deal.ResolveDealConflictCommand;
import io.channelbook.api.deal.SubmitDealRegistrationCommand;
import io.channelbook.api.deal.TouchType;
import io.channelbook.command.DomainRuleViolation;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;

/**
 * Decides everything that concerns a customer's claim together with the registrations involved, in one unit of work:
 * a submission records the registration in the claim and creates it; a conflict resolution changes the contester,
 * the holder and the claim at once. Either all of their events are stored or none.
 * <p>
 * <b>One at a time per customer.</b> Axon's repositories lock an aggregate from load until the unit of work ends, so
 * every decision here loads the claim first and holds its lock while it decides: concurrent submissions of one
 * customer in this JVM queue on that lock and are decided one after another, each seeing the claim as the previous one
 * left it. In the distributed mode the commands' routing key (the customer domain) sends all of them to one node;
 * should two nodes ever append to one claim anyway, the event store's unique sequence numbers refuse the second.
 * Locks are always taken claim first, registrations after, so two decisions never wait for each other in a cycle.
 * <p>
 * <b>Releasing the claim.</b> A holder lets go of its customer when it is rejected, won, lost or expires. Those happen
 * on the registration alone (the expiry even in a deadline handler, which cannot load another aggregate), so the claim
 * is not told at that moment. Instead, every decision here first asks the claim's holder whether it still protects
 * the customer, by its own state and the clock, and records the release right then. The rule "at most one registration
 * protects a customer" is therefore exact at each decision, whatever a scheduler's or processor's lag; the price is
 * that the claim's stream records a release when the customer is next decided on, not when the holder ended (the
 * holder's own end event says when that was).
 */
@Component
class DealSubmissionHandler {

    private final Repository<CustomerClaim> claims;
    private final Repository<DealRegistration> registrations;
    private final EventStore eventStore;
    private final Clock clock;

    DealSubmissionHandler(Repository<CustomerClaim> claims, Repository<DealRegistration> registrations,
                          EventStore eventStore, Clock clock) {
        this.claims = claims;
        this.registrations = registrations;
        this.eventStore = eventStore;
        this.clock = clock;
    }

    /** Answers with the new registration's status: {@code SUBMITTED} when it holds its customer, else {@code CONFLICT}. */
    @CommandHandler
    DealStatus handle(SubmitDealRegistrationCommand command) throws Exception {
        DealSubmissionPolicy.check(command, LocalDate.now(clock));
        requireUnknown(command.registrationId());
        Aggregate<CustomerClaim> claim = claims.loadOrCreate(command.customerDomain(), CustomerClaim::new);
        releaseIfHolderEnded(claim);
        ClaimOutcome outcome = claim.invoke(customer ->
                customer.record(command.customerDomain(), command.registrationId(), command.partnerId()));
        registrations.newInstance(() -> new DealRegistration(command, outcome));
        return outcome.holds() ? DealStatus.SUBMITTED : DealStatus.CONFLICT;
    }

    /**
     * Settles a conflict against the claim as it stands now. If the holder the contester met has let go in the
     * meantime, the claim may be free: then keeping the contester (co-sell or transfer) makes it the holder, with
     * nobody to reject. If another registration holds the claim by now, a transfer takes it from that one.
     */
    @CommandHandler
    void handle(ResolveDealConflictCommand command, DeadlineManager deadlineManager) {
        if (command.resolution() == null) {
            throw DomainRuleViolation.invalid("resolution_required",
                    "A resolution (KEEP_FIRST, TRANSFER_PROTECTION, CO_SELL) is required");
        }
        if (command.reason() == null || command.reason().isBlank()) {
            throw DomainRuleViolation.invalid("reason_required", "A reason is required");
        }
        String reason = command.reason().strip();
        Aggregate<CustomerClaim> claim = claimRecording(command.customerDomain(), command.registrationId());
        Aggregate<DealRegistration> contester = registrations.load(command.registrationId());
        contester.execute(DealRegistration::requireInConflict);
        releaseIfHolderEnded(claim);
        String currentHolder = claim.invoke(CustomerClaim::holderRegistrationId);
        String contesterPartner = contester.invoke(DealRegistration::partnerId);
        switch (command.resolution()) {
            case KEEP_FIRST -> {
                // the contester's rejection below is all
            }
            case CO_SELL -> {
                if (currentHolder == null) {
                    claim.execute(customer -> customer.claimFor(command.registrationId(), contesterPartner));
                }
            }
            case TRANSFER_PROTECTION -> {
                if (currentHolder == null) {
                    claim.execute(customer -> customer.claimFor(command.registrationId(), contesterPartner));
                } else {
                    registrations.load(currentHolder)
                            .execute(registration -> registration.surrenderProtection(reason, deadlineManager));
                    claim.execute(customer -> customer.transferTo(command.registrationId(), contesterPartner));
                }
            }
        }
        String holder = currentHolder != null
                ? currentHolder : contester.invoke(DealRegistration::recordedHolderRegistrationId);
        contester.execute(registration -> registration.resolveConflict(command.resolution(), holder, reason));
    }

    /**
     * A repeated submission must not record the registration in a claim a second time. Asked of the event store
     * rather than by loading: a load of an unknown aggregate is logged as a failure, and here it is the normal case.
     * Two submissions of one id racing on different nodes are still stopped by the store's unique sequence numbers.
     */
    private void requireUnknown(String registrationId) {
        if (eventStore.lastSequenceNumberFor(registrationId).isPresent()) {
            throw DomainRuleViolation.conflict("deal_already_submitted", "Deal " + registrationId + " is already registered");
        }
    }

    /** The claim of the customer, which must have recorded the registration: anything else is an unknown deal. */
    /**
     * Partner-logged influence: the touch goes to the registration protecting the customer at this moment (checked
     * against the clock like every decision here). The partner learns only whether some registration protects the
     * customer, never which one or whose.
     */
    @CommandHandler
    String handle(LogInfluenceForCustomerCommand command) throws Exception {
        if (command.customerDomain() == null || command.customerDomain().isBlank()) {
            throw DomainRuleViolation.invalid("customer_domain_required", "The customer's website is required");
        }
        if (command.evidence() == null || command.evidence().isBlank()) {
            throw DomainRuleViolation.invalid("evidence_required", "An influence touch needs its evidence");
        }
        String holder = null;
        if (eventStore.lastSequenceNumberFor(command.customerDomain()).isPresent()) {
            Aggregate<CustomerClaim> claim = claims.load(command.customerDomain());
            releaseIfHolderEnded(claim);
            holder = claim.invoke(CustomerClaim::holderRegistrationId);
        }
        if (holder == null) {
            throw DomainRuleViolation.notFound("no_protected_registration",
                    "No registration protects " + command.customerDomain() + " now");
        }
        String registrationId = holder;
        registrations.load(registrationId).execute(registration -> registration.handle(new LogPartnerTouchCommand(
                registrationId, command.touchId(), command.partnerId(), TouchType.INFLUENCED, command.evidence())));
        return command.touchId();
    }

    private Aggregate<CustomerClaim> claimRecording(String customerDomain, String registrationId) {
        if (customerDomain != null && eventStore.lastSequenceNumberFor(customerDomain).isPresent()) {
            Aggregate<CustomerClaim> claim = claims.load(customerDomain);
            if (claim.invoke(customer -> customer.hasRecorded(registrationId))) {
                return claim;
            }
        }
        throw DomainRuleViolation.notFound("deal_not_found",
                "No deal with id " + registrationId + " for customer " + customerDomain);
    }

    private void releaseIfHolderEnded(Aggregate<CustomerClaim> claim) {
        String holder = claim.invoke(CustomerClaim::holderRegistrationId);
        if (holder == null) {
            return;
        }
        registrations.load(holder).invoke(registration -> registration.protectionEndedAt(clock.instant()))
                .ifPresent(reason -> claim.execute(customer -> customer.release(holder, reason)));
    }
}
