package io.channelbook.command.deal;

import io.channelbook.api.common.ErrorDetails;
import io.channelbook.api.common.ErrorKind;
import io.channelbook.api.deal.ApproveDealRegistrationCommand;
import io.channelbook.api.deal.CloseDealLostCommand;
import io.channelbook.api.deal.CloseSource;
import io.channelbook.api.deal.ConflictResolution;
import io.channelbook.api.deal.CustomerClaimContestedEvent;
import io.channelbook.api.deal.CustomerClaimReleasedEvent;
import io.channelbook.api.deal.CustomerClaimedEvent;
import io.channelbook.api.deal.CustomerContact;
import io.channelbook.api.deal.DealConflictResolvedEvent;
import io.channelbook.api.deal.DealRegistrationApprovedEvent;
import io.channelbook.api.deal.DealRegistrationConflictedEvent;
import io.channelbook.api.deal.DealRegistrationExpiredEvent;
import io.channelbook.api.deal.DealRegistrationRejectedEvent;
import io.channelbook.api.deal.DealRegistrationSubmittedEvent;
import io.channelbook.api.deal.DealStatus;
import io.channelbook.api.deal.LogInfluenceForCustomerCommand;
import io.channelbook.api.deal.PartnerTouchLoggedEvent;
import io.channelbook.api.deal.ProtectionTransferredEvent;
import io.channelbook.api.deal.RejectDealRegistrationCommand;
import io.channelbook.api.deal.ResolveDealConflictCommand;
import io.channelbook.api.deal.SubmitDealRegistrationCommand;
import io.channelbook.api.deal.TouchType;
import io.channelbook.api.money.Money;
import io.channelbook.command.infrastructure.DomainErrorTranslator;
import org.axonframework.commandhandling.AnnotationCommandHandlerAdapter;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.ScopeDescriptor;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.MultiParameterResolverFactory;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.messaging.annotation.SimpleResourceParameterResolverFactory;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.AggregateAnnotationCommandHandler;
import org.axonframework.test.deadline.StubDeadlineManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The submission handler on real Axon pieces: event-sourced repositories of both aggregates over one in-memory event
 * store, a simple command bus with the domain error translator, the aggregate's own command handlers beside the
 * component. No mocks: what is asserted is what the event store holds.
 */
class DealSubmissionHandlerTest {

    private static final String DOMAIN = "acme.com";
    private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

    private final SettableClock clock = new SettableClock(START);
    /** Axon's test deadline manager: deadlines fire when the test moves time on, not by the wall clock. */
    private final StubDeadlineManager deadlines = new StubDeadlineManager(START);
    private EmbeddedEventStore eventStore;
    private EventSourcingRepository<DealRegistration> registrations;
    private CommandGateway commands;

    @BeforeEach
    void setUp() {
        eventStore = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        ParameterResolverFactory parameters = MultiParameterResolverFactory.ordered(
                ClasspathParameterResolverFactory.forClass(DealRegistration.class),
                new SimpleResourceParameterResolverFactory(List.of(deadlines, clock,
                        (ProtectionWindowLookup) partner -> java.util.Optional.empty())));
        EventSourcingRepository<CustomerClaim> claims = EventSourcingRepository.builder(CustomerClaim.class)
                .eventStore(eventStore).parameterResolverFactory(parameters).build();
        registrations = EventSourcingRepository.builder(DealRegistration.class)
                .eventStore(eventStore).parameterResolverFactory(parameters).build();

        SimpleCommandBus commandBus = SimpleCommandBus.builder().build();
        commandBus.registerHandlerInterceptor(new DomainErrorTranslator());
        AggregateAnnotationCommandHandler.<DealRegistration>builder()
                .aggregateType(DealRegistration.class).repository(registrations).parameterResolverFactory(parameters)
                .build().subscribe(commandBus);
        new AnnotationCommandHandlerAdapter<>(new DealSubmissionHandler(claims, registrations, eventStore, clock), parameters)
                .subscribe(commandBus);
        commands = DefaultCommandGateway.builder().commandBus(commandBus).build();
    }

    @AfterEach
    void tearDown() {
        eventStore.shutDown();
    }

    @Test
    void partnerInfluenceGoesToTheRegistrationProtectingTheCustomer() {
        submit("deal-a", "partner-a");

        String touchId = commands.sendAndWait(new LogInfluenceForCustomerCommand(DOMAIN, "partner-c", "t-1",
                " ran the workshop "));

        assertEquals("t-1", touchId);
        assertEquals(new PartnerTouchLoggedEvent("deal-a", "t-1", "partner-c", TouchType.INFLUENCED,
                "ran the workshop", false), last(events("deal-a")));
    }

    @Test
    void influenceOnACustomerNobodyProtectsIsNotFoundAndWritesNothing() {
        ErrorDetails refusal = refusal(() -> commands.sendAndWait(
                new LogInfluenceForCustomerCommand(DOMAIN, "partner-c", "t-1", "ran the workshop")));

        assertEquals("no_protected_registration", refusal.code());
        assertEquals(ErrorKind.NOT_FOUND, refusal.kind());
        assertTrue(events(DOMAIN).isEmpty());
    }

    @Test
    void influenceAfterTheHoldersWindowRanOutIsNotFoundAndWritesNothing() {
        submit("deal-a", "partner-a");
        commands.sendAndWait(new ApproveDealRegistrationCommand("deal-a", 90, 14));
        clock.advance(Duration.ofDays(90));
        int claimEvents = events(DOMAIN).size();
        int dealEvents = events("deal-a").size();

        ErrorDetails refusal = refusal(() -> commands.sendAndWait(
                new LogInfluenceForCustomerCommand(DOMAIN, "partner-c", "t-1", "ran the workshop")));

        assertEquals("no_protected_registration", refusal.code());
        assertEquals(claimEvents, events(DOMAIN).size());
        assertEquals(dealEvents, events("deal-a").size());
    }

    @Test
    void theRegistrantCannotLogInfluenceOnItsOwnDeal() {
        submit("deal-a", "partner-a");

        ErrorDetails refusal = refusal(() -> commands.sendAndWait(
                new LogInfluenceForCustomerCommand(DOMAIN, "partner-a", "t-1", "me again")));

        assertEquals("touch_by_registrant", refusal.code());
        assertEquals(1, events("deal-a").size());
    }

    @Test
    void firstRegistrationOfACustomerIsSubmittedAndClaimsIt() {
        assertEquals(DealStatus.SUBMITTED, submit("deal-a", "partner-a"));

        assertEquals(List.of(new CustomerClaimedEvent(DOMAIN, "deal-a", "partner-a")), events(DOMAIN));
        assertInstanceOf(DealRegistrationSubmittedEvent.class, events("deal-a").get(0));
    }

    @Test
    void laterRegistrationIsInConflictWithTheHolder() {
        submit("deal-a", "partner-a");

        assertEquals(DealStatus.CONFLICT, submit("deal-b", "partner-b"));

        assertEquals(List.of(new CustomerClaimedEvent(DOMAIN, "deal-a", "partner-a"),
                new CustomerClaimContestedEvent(DOMAIN, "deal-b", "partner-b", "deal-a")), events(DOMAIN));
        DealRegistrationConflictedEvent conflicted = (DealRegistrationConflictedEvent) events("deal-b").get(0);
        assertEquals("deal-a", conflicted.holderRegistrationId());
        assertEquals("partner-a", conflicted.holderPartnerId());
    }

    @Test
    void invalidSubmissionWritesNothing() {
        ErrorDetails refusal = refusal(() -> commands.sendAndWait(new SubmitDealRegistrationCommand("deal-a",
                "partner-a", "Acme Corp", DOMAIN, "US", new CustomerContact("Jo", "jo@acme.com"), List.of("SKU-1"),
                Money.ofMinor(-100, "USD"), LocalDate.parse("2026-06-30"), null, null)));

        assertEquals("estimated_value_invalid", refusal.code());
        assertEquals(ErrorKind.INVALID, refusal.kind());
        assertTrue(events(DOMAIN).isEmpty());
        assertTrue(events("deal-a").isEmpty());
    }

    @Test
    void repeatedSubmissionIsRefusedAndWritesNothing() {
        submit("deal-a", "partner-a");

        ErrorDetails refusal = refusal(() -> submit("deal-a", "partner-a"));

        assertEquals("deal_already_submitted", refusal.code());
        assertEquals(ErrorKind.CONFLICT, refusal.kind());
        assertEquals(1, events(DOMAIN).size());
        assertEquals(1, events("deal-a").size());
    }

    @Test
    void rejectedHolderLetsTheNextRegistrationClaimTheCustomer() {
        submit("deal-a", "partner-a");
        commands.sendAndWait(new RejectDealRegistrationCommand("deal-a", "NOT_QUALIFIED", "no budget"));

        assertEquals(DealStatus.SUBMITTED, submit("deal-b", "partner-b"));

        assertEquals(List.of(new CustomerClaimedEvent(DOMAIN, "deal-a", "partner-a"),
                new CustomerClaimReleasedEvent(DOMAIN, "deal-a", "REJECTED"),
                new CustomerClaimedEvent(DOMAIN, "deal-b", "partner-b")), events(DOMAIN));
    }

    @Test
    void approvedHolderProtectsItsCustomerWhileItsWindowRuns() {
        submit("deal-a", "partner-a");
        commands.sendAndWait(new ApproveDealRegistrationCommand("deal-a", 90, 14));
        clock.advance(Duration.ofDays(89));

        assertEquals(DealStatus.CONFLICT, submit("deal-b", "partner-b"));
    }

    @Test
    void runOutWindowFreesTheCustomerEvenBeforeTheExpiryDeadlineFires() {
        submit("deal-a", "partner-a");
        commands.sendAndWait(new ApproveDealRegistrationCommand("deal-a", 90, 14));
        clock.advance(Duration.ofDays(90));

        assertEquals(DealStatus.SUBMITTED, submit("deal-b", "partner-b"));

        assertEquals(List.of(new CustomerClaimedEvent(DOMAIN, "deal-a", "partner-a"),
                new CustomerClaimReleasedEvent(DOMAIN, "deal-a", "EXPIRED"),
                new CustomerClaimedEvent(DOMAIN, "deal-b", "partner-b")), events(DOMAIN));
    }

    @Test
    void expiredHolderLetsTheNextRegistrationClaimTheCustomer() {
        submit("deal-a", "partner-a");
        commands.sendAndWait(new ApproveDealRegistrationCommand("deal-a", 90, 14));
        clock.advance(Duration.ofDays(90));
        deadlines.advanceTimeBy(Duration.ofDays(90), this::deliver);
        assertInstanceOf(DealRegistrationExpiredEvent.class, last(events("deal-a")));

        assertEquals(DealStatus.SUBMITTED, submit("deal-b", "partner-b"));

        assertEquals(new CustomerClaimReleasedEvent(DOMAIN, "deal-a", "EXPIRED"), events(DOMAIN).get(1));
    }

    @Test
    void keepingTheFirstRejectsTheContesterAndLeavesTheClaimAlone() {
        submit("deal-a", "partner-a");
        submit("deal-b", "partner-b");

        commands.sendAndWait(resolve("deal-b", ConflictResolution.KEEP_FIRST));

        assertEquals(List.of(new DealConflictResolvedEvent("deal-b", "partner-b", "deal-a", ConflictResolution.KEEP_FIRST,
                        "registered first"),
                new DealRegistrationRejectedEvent("deal-b", "partner-b", DOMAIN, "CONFLICT_LOST", "registered first")),
                events("deal-b").subList(1, 3));
        assertEquals(2, events(DOMAIN).size());
    }

    @Test
    void transferRejectsTheHolderAndMovesTheClaimToTheContester() {
        submit("deal-a", "partner-a");
        commands.sendAndWait(new ApproveDealRegistrationCommand("deal-a", 90, 14));
        submit("deal-b", "partner-b");

        commands.sendAndWait(resolve("deal-b", ConflictResolution.TRANSFER_PROTECTION));

        assertEquals(new DealRegistrationRejectedEvent("deal-a", "partner-a", DOMAIN, "PROTECTION_TRANSFERRED",
                "registered first"), last(events("deal-a")));
        assertTrue(deadlines.getScheduledDeadlines().isEmpty(), "the former holder's deadlines are cancelled");
        assertEquals(new ProtectionTransferredEvent(DOMAIN, "deal-a", "deal-b", "partner-b"), last(events(DOMAIN)));
        assertEquals(new DealConflictResolvedEvent("deal-b", "partner-b", "deal-a",
                ConflictResolution.TRANSFER_PROTECTION, "registered first"), last(events("deal-b")));
        commands.sendAndWait(new ApproveDealRegistrationCommand("deal-b", 90, 14));
        assertEquals(DealStatus.CONFLICT, submit("deal-c", "partner-c"));
        assertEquals(new CustomerClaimContestedEvent(DOMAIN, "deal-c", "partner-c", "deal-b"), last(events(DOMAIN)));
    }

    @Test
    void coSellingLetsBothRegistrationsProceed() {
        submit("deal-a", "partner-a");
        commands.sendAndWait(new ApproveDealRegistrationCommand("deal-a", 90, 14));
        submit("deal-b", "partner-b");

        commands.sendAndWait(resolve("deal-b", ConflictResolution.CO_SELL));
        commands.sendAndWait(new ApproveDealRegistrationCommand("deal-b", 60, 14));

        assertEquals(2, events(DOMAIN).size(), "the first registration still holds the claim");
        assertEquals(new DealConflictResolvedEvent("deal-b", "partner-b", "deal-a", ConflictResolution.CO_SELL,
                "registered first"), events("deal-b").get(1));
        assertInstanceOf(DealRegistrationApprovedEvent.class, events("deal-b").get(2));
        assertInstanceOf(DealRegistrationApprovedEvent.class, last(events("deal-a")), "the holder keeps its approval");
    }

    @Test
    void contesterKeptAfterItsHolderEndedTakesTheFreeClaim() {
        submit("deal-a", "partner-a");
        submit("deal-b", "partner-b");
        commands.sendAndWait(new CloseDealLostCommand("deal-a", "budget cut", CloseSource.CRM));

        commands.sendAndWait(resolve("deal-b", ConflictResolution.TRANSFER_PROTECTION));

        assertEquals(List.of(new CustomerClaimedEvent(DOMAIN, "deal-a", "partner-a"),
                new CustomerClaimContestedEvent(DOMAIN, "deal-b", "partner-b", "deal-a"),
                new CustomerClaimReleasedEvent(DOMAIN, "deal-a", "CLOSED_LOST"),
                new CustomerClaimedEvent(DOMAIN, "deal-b", "partner-b")), events(DOMAIN));
        assertEquals(2, events("deal-a").size(), "an ended holder is not rejected again");
        assertEquals(new DealConflictResolvedEvent("deal-b", "partner-b", "deal-a",
                ConflictResolution.TRANSFER_PROTECTION, "registered first"), last(events("deal-b")));
    }

    @Test
    void transferTakesTheProtectionFromWhoeverHoldsTheCustomerNow() {
        submit("deal-a", "partner-a");
        submit("deal-b", "partner-b");
        commands.sendAndWait(new RejectDealRegistrationCommand("deal-a", "NOT_QUALIFIED", "no budget"));
        assertEquals(DealStatus.SUBMITTED, submit("deal-c", "partner-c"));

        commands.sendAndWait(resolve("deal-b", ConflictResolution.TRANSFER_PROTECTION));

        assertEquals(new DealRegistrationRejectedEvent("deal-c", "partner-c", DOMAIN, "PROTECTION_TRANSFERRED",
                "registered first"), last(events("deal-c")));
        assertEquals(new ProtectionTransferredEvent(DOMAIN, "deal-c", "deal-b", "partner-b"), last(events(DOMAIN)));
    }

    @Test
    void onlyARegistrationInConflictIsResolved() {
        submit("deal-a", "partner-a");

        ErrorDetails refusal = refusal(() -> commands.sendAndWait(resolve("deal-a", ConflictResolution.CO_SELL)));

        assertEquals("deal_not_in_conflict", refusal.code());
        assertEquals(ErrorKind.CONFLICT, refusal.kind());
    }

    @Test
    void resolvingAnUnknownDealOrTheWrongCustomerAnswersNotFound() {
        submit("deal-a", "partner-a");
        submit("deal-b", "partner-b");

        ErrorDetails unknown = refusal(() -> commands.sendAndWait(resolve("deal-x", ConflictResolution.CO_SELL)));
        ErrorDetails wrongCustomer = refusal(() -> commands.sendAndWait(new ResolveDealConflictCommand("deal-b",
                "globex.com", ConflictResolution.CO_SELL, "joint bid")));

        assertEquals(new ErrorDetails("deal_not_found", "No deal with id deal-x for customer acme.com", ErrorKind.NOT_FOUND),
                unknown);
        assertEquals("deal_not_found", wrongCustomer.code());
        assertEquals(1, events("deal-b").size(), "nothing was written");
        assertEquals(2, events(DOMAIN).size(), "nothing was written");
    }

    @Test
    void resolutionNeedsAResolutionAndAReason() {
        submit("deal-a", "partner-a");
        submit("deal-b", "partner-b");

        assertEquals("resolution_required", refusal(() -> commands.sendAndWait(
                new ResolveDealConflictCommand("deal-b", DOMAIN, null, "why"))).code());
        assertEquals("reason_required", refusal(() -> commands.sendAndWait(
                new ResolveDealConflictCommand("deal-b", DOMAIN, ConflictResolution.CO_SELL, " "))).code());
    }

    @Test
    void approvingAnUnknownDealAnswersDealNotFound() {
        ErrorDetails refusal = refusal(() -> commands.sendAndWait(new ApproveDealRegistrationCommand("deal-x", 90, 14)));

        assertEquals(new ErrorDetails("deal_not_found", "No deal with id deal-x", ErrorKind.NOT_FOUND), refusal);
    }

    /**
     * Twenty partners register one customer at once. The claim's lock decides them one after another: exactly one
     * holds the customer, and the claim's stream numbers the twenty registrations 0 to 19 without a gap or a repeat.
     * The in-memory storage engine does not check sequence numbers itself, so a repeat would show here.
     */
    @Test
    void concurrentRegistrationsOfOneCustomerGiveExactlyOneHolder() throws Exception {
        int partners = 20;
        ExecutorService pool = Executors.newFixedThreadPool(partners);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<DealStatus>> outcomes = new ArrayList<>();
        try {
            for (int i = 0; i < partners; i++) {
                String id = "deal-" + i;
                String partner = "partner-" + i;
                outcomes.add(pool.submit(() -> {
                    start.await();
                    return submit(id, partner);
                }));
            }
            start.countDown();
            List<DealStatus> statuses = new ArrayList<>();
            for (Future<DealStatus> outcome : outcomes) {
                statuses.add(outcome.get(30, TimeUnit.SECONDS));
            }

            assertEquals(1, statuses.stream().filter(DealStatus.SUBMITTED::equals).count());
            assertEquals(partners - 1, statuses.stream().filter(DealStatus.CONFLICT::equals).count());
        } finally {
            pool.shutdownNow();
        }
        List<? extends DomainEventMessage<?>> claim = eventStore.readEvents(DOMAIN).asStream().toList();
        assertEquals(LongStream.range(0, partners).boxed().toList(),
                claim.stream().map(DomainEventMessage::getSequenceNumber).toList());
        CustomerClaimedEvent claimed = (CustomerClaimedEvent) claim.get(0).getPayload();
        claim.stream().skip(1).forEach(event -> assertEquals(claimed.registrationId(),
                ((CustomerClaimContestedEvent) event.getPayload()).holderRegistrationId()));
        assertInstanceOf(DealRegistrationSubmittedEvent.class, events(claimed.registrationId()).get(0));
    }

    private DealStatus submit(String registrationId, String partnerId) {
        return commands.sendAndWait(new SubmitDealRegistrationCommand(registrationId, partnerId, "Acme Corp", DOMAIN,
                "US", new CustomerContact("Jo Buyer", "jo@acme.com"), List.of("SKU-1"), Money.ofMinor(50_000_00, "USD"),
                LocalDate.parse("2026-06-30"), null, null));
    }

    /** What the runtime's deadline manager does when a deadline is due: hand it to its aggregate, in a unit of work. */
    private void deliver(ScopeDescriptor scope, DeadlineMessage<?> deadline) throws Exception {
        DefaultUnitOfWork.startAndGet(deadline).executeWithResult(() -> {
            registrations.send(deadline, scope);
            return null;
        });
    }

    private static ResolveDealConflictCommand resolve(String registrationId, ConflictResolution resolution) {
        return new ResolveDealConflictCommand(registrationId, DOMAIN, resolution, " registered first ");
    }

    private List<Object> events(String aggregateId) {
        return eventStore.readEvents(aggregateId).asStream().map(Message::getPayload).map(Object.class::cast).toList();
    }

    private static Object last(List<Object> events) {
        return events.get(events.size() - 1);
    }

    private static ErrorDetails refusal(Runnable command) {
        CommandExecutionException refused = assertThrows(CommandExecutionException.class, command::run);
        return refused.<ErrorDetails>getDetails().orElseThrow();
    }

    /** The command side's clock, moved on by the test. */
    private static final class SettableClock extends Clock {

        private volatile Instant now;

        SettableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("the command side runs on UTC");
        }
    }
}
