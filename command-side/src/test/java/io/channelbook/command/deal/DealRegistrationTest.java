package io.channelbook.command.deal;

import io.channelbook.api.common.ErrorKind;
import io.channelbook.api.deal.AcceptPartnerTouchCommand;
import io.channelbook.api.deal.ApproveDealRegistrationCommand;
import io.channelbook.api.deal.ChangeDealAmountCommand;
import io.channelbook.api.deal.CloseDealLostCommand;
import io.channelbook.api.deal.CloseDealWonCommand;
import io.channelbook.api.deal.CloseSource;
import io.channelbook.api.deal.ConflictResolution;
import io.channelbook.api.deal.CrmOpportunityLinkedEvent;
import io.channelbook.api.deal.CustomerContact;
import io.channelbook.api.deal.DealAmountChangedEvent;
import io.channelbook.api.deal.DealClosedLostEvent;
import io.channelbook.api.deal.DealClosedWonEvent;
import io.channelbook.api.deal.DealConflictResolvedEvent;
import io.channelbook.api.deal.DealRefundedEvent;
import io.channelbook.api.deal.DealRegistrationApprovedEvent;
import io.channelbook.api.deal.DealRegistrationConflictedEvent;
import io.channelbook.api.deal.DealRegistrationExpiredEvent;
import io.channelbook.api.deal.DealRegistrationRejectedEvent;
import io.channelbook.api.deal.DealRegistrationSubmittedEvent;
import io.channelbook.api.deal.DealTouch;
import io.channelbook.api.deal.DecideProtectionExtensionCommand;
import io.channelbook.api.deal.LineItem;
import io.channelbook.api.deal.LinkCrmOpportunityCommand;
import io.channelbook.api.deal.LogPartnerTouchCommand;
import io.channelbook.api.deal.PartnerTouchAcceptedEvent;
import io.channelbook.api.deal.PartnerTouchLoggedEvent;
import io.channelbook.api.deal.ProtectionExpiryRemindedEvent;
import io.channelbook.api.deal.ProtectionExtendedEvent;
import io.channelbook.api.deal.ProtectionExtensionDeniedEvent;
import io.channelbook.api.deal.ProtectionExtensionRequestedEvent;
import io.channelbook.api.deal.RefundDealCommand;
import io.channelbook.api.deal.RejectDealRegistrationCommand;
import io.channelbook.api.deal.ReportBillingPeriodCommand;
import io.channelbook.api.deal.RequestProtectionExtensionCommand;
import io.channelbook.api.deal.SubmitDealRegistrationCommand;
import io.channelbook.api.deal.SubscriptionPeriodBilledEvent;
import io.channelbook.api.deal.TouchType;
import io.channelbook.api.money.Money;
import io.channelbook.command.testing.FixtureClock;
import org.axonframework.modelling.command.AggregateScopeDescriptor;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.TestExecutor;
import org.axonframework.test.deadline.StubDeadlineManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.channelbook.command.deal.DealRegistration.EXPIRY_DEADLINE;
import static io.channelbook.command.deal.DealRegistration.REMINDER_DEADLINE;
import static io.channelbook.command.testing.Violations.violation;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DealRegistrationTest {

    private static final String ID = "deal-1";
    private static final String PARTNER = "partner-a";
    private static final String OTHER_PARTNER = "partner-b";
    private static final String HOLDER = "deal-0";
    private static final String HOLDER_PARTNER = "partner-z";
    private static final String DOMAIN = "acme.com";
    private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");
    private static final Instant UNTIL = NOW.plus(Duration.ofDays(90));
    private static final LocalDate CLOSE_DATE = LocalDate.parse("2026-05-15");
    private static final CustomerContact CONTACT = new CustomerContact("Jo Buyer", "jo@acme.com");
    private static final Money ESTIMATE = usd(50_000_00);

    private static final DealRegistrationSubmittedEvent SUBMITTED = new DealRegistrationSubmittedEvent(ID, PARTNER,
            "Acme Corp", DOMAIN, "US", CONTACT, List.of("SKU-1"), ESTIMATE, LocalDate.parse("2026-06-30"), null, null);
    private static final DealRegistrationConflictedEvent CONFLICTED = new DealRegistrationConflictedEvent(ID, PARTNER,
            "Acme Corp", DOMAIN, "US", CONTACT, List.of("SKU-1"), ESTIMATE, LocalDate.parse("2026-06-30"), null, null,
            HOLDER, HOLDER_PARTNER);
    private static final DealRegistrationApprovedEvent APPROVED =
            new DealRegistrationApprovedEvent(ID, PARTNER, DOMAIN, UNTIL, 14);
    private static final ApproveDealRegistrationCommand APPROVE = new ApproveDealRegistrationCommand(ID, 90, 14);
    private static final List<DealTouch> SOURCED_ONLY =
            List.of(new DealTouch("sourced", PARTNER, TouchType.SOURCED, null, true));
    private static final List<String> CREDITED = List.of(PARTNER);
    private static final DealClosedWonEvent WON = new DealClosedWonEvent(ID, PARTNER, DOMAIN, usd(48_000_00),
            CLOSE_DATE, List.of(), CloseSource.MANUAL, SOURCED_ONLY);

    private AggregateTestFixture<DealRegistration> fixture;
    /** The program's protection windows by partner, as the lookup answers them. */
    private final Map<String, Integer> windows = new HashMap<>();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(DealRegistration.class);
        fixture.registerInjectableResource(new FixtureClock(fixture));
        fixture.registerInjectableResource((ProtectionWindowLookup) partner -> Optional.ofNullable(windows.get(partner)));
    }

    private TestExecutor<DealRegistration> given(Object... events) {
        return fixture.givenCurrentTime(NOW).andGiven(events);
    }

    private static Money usd(long cents) {
        return Money.ofMinor(cents, "USD");
    }

    private static Money eur(long cents) {
        return Money.ofMinor(cents, "EUR");
    }

    @Nested
    class Creation {

        private final SubmitDealRegistrationCommand submit = new SubmitDealRegistrationCommand(ID, PARTNER,
                " Acme Corp ", DOMAIN, "US", CONTACT, List.of(" SKU-1 "), ESTIMATE, LocalDate.parse("2026-06-30"),
                "  ", " ");

        @Test
        void registrationHoldingItsCustomerIsSubmitted() {
            fixture.givenNoPriorActivity()
                    .whenConstructing(() -> new DealRegistration(submit, ClaimOutcome.holding()))
                    .expectEvents(SUBMITTED);
        }

        @Test
        void registrationOfAHeldCustomerIsInConflictWithTheHolder() {
            fixture.givenNoPriorActivity()
                    .whenConstructing(() -> new DealRegistration(submit, ClaimOutcome.contesting(HOLDER, HOLDER_PARTNER)))
                    .expectEvents(CONFLICTED);
        }
    }

    @Nested
    class Review {

        @Test
        void submittedRegistrationIsApprovedWithAProtectionWindowFromNow() {
            given(SUBMITTED)
                    .when(APPROVE)
                    .expectEvents(APPROVED)
                    .expectScheduledDeadline(UNTIL.minus(Duration.ofDays(14)), new ProtectionReminderDue(ID, UNTIL))
                    .expectScheduledDeadline(UNTIL, new ProtectionExpiryDue(ID, UNTIL));
        }

        @Test
        void programDefaultGivesWayToTheWindowSetForThePartner() {
            windows.put(PARTNER, 120);
            given(SUBMITTED)
                    .when(new ApproveDealRegistrationCommand(ID, 90, 14, true))
                    .expectEvents(new DealRegistrationApprovedEvent(ID, PARTNER, DOMAIN,
                            NOW.plus(Duration.ofDays(120)), 14));
        }

        @Test
        void withoutAWindowSetTheProgramDefaultApplies() {
            windows.put(OTHER_PARTNER, 120);
            given(SUBMITTED)
                    .when(new ApproveDealRegistrationCommand(ID, 90, 14, true))
                    .expectEvents(APPROVED);
        }

        @Test
        void daysChosenForOneApprovalWinOverTheWindowSet() {
            windows.put(PARTNER, 120);
            given(SUBMITTED)
                    .when(new ApproveDealRegistrationCommand(ID, 90, 14))
                    .expectEvents(APPROVED);
        }

        @Test
        void protectionWindowEndsOnAWholeSecond() {
            fixture.givenCurrentTime(NOW.plusMillis(1_999)).andGiven(SUBMITTED)
                    .when(APPROVE)
                    .expectEvents(new DealRegistrationApprovedEvent(ID, PARTNER, DOMAIN, UNTIL.plusSeconds(1), 14));
        }

        @Test
        void approvalWithoutAReminderSchedulesOnlyTheExpiry() {
            given(SUBMITTED)
                    .when(new ApproveDealRegistrationCommand(ID, 90, 0))
                    .expectEvents(new DealRegistrationApprovedEvent(ID, PARTNER, DOMAIN, UNTIL, 0))
                    .expectNoScheduledDeadlineWithName(UNTIL, REMINDER_DEADLINE)
                    .expectScheduledDeadlineWithName(UNTIL, EXPIRY_DEADLINE);
        }

        @Test
        void reminderThatWouldBeDueAlreadyIsSkipped() {
            Instant until = NOW.plus(Duration.ofDays(10));
            given(SUBMITTED)
                    .when(new ApproveDealRegistrationCommand(ID, 10, 14))
                    .expectEvents(new DealRegistrationApprovedEvent(ID, PARTNER, DOMAIN, until, 14))
                    .expectNoScheduledDeadlineOfType(NOW.minus(Duration.ofDays(4)), ProtectionReminderDue.class)
                    .expectScheduledDeadline(until, new ProtectionExpiryDue(ID, until));
        }

        @Test
        void approvalNeedsOneToTenYearsOfProtection() {
            given(SUBMITTED)
                    .when(new ApproveDealRegistrationCommand(ID, 0, 14))
                    .expectException(violation("protection_days_invalid", ErrorKind.INVALID))
                    .expectNoEvents();
            given(SUBMITTED)
                    .when(new ApproveDealRegistrationCommand(ID, 3651, 14))
                    .expectException(violation("protection_days_invalid"))
                    .expectNoEvents();
        }

        @Test
        void approvalRefusesANegativeReminder() {
            given(SUBMITTED)
                    .when(new ApproveDealRegistrationCommand(ID, 90, -1))
                    .expectException(violation("reminder_days_invalid"))
                    .expectNoEvents();
        }

        @Test
        void cannotApproveARegistrationInConflict() {
            given(CONFLICTED)
                    .when(APPROVE)
                    .expectException(violation("deal_in_conflict", ErrorKind.CONFLICT))
                    .expectNoEvents()
                    .expectNoScheduledDeadlines();
        }

        @Test
        void coSoldContesterCanBeApproved() {
            given(CONFLICTED, new DealConflictResolvedEvent(ID, PARTNER, HOLDER, ConflictResolution.CO_SELL, "joint bid"))
                    .when(APPROVE)
                    .expectEvents(APPROVED);
        }

        @Test
        void contesterThatLostItsConflictCannotBeApproved() {
            given(CONFLICTED,
                    new DealConflictResolvedEvent(ID, PARTNER, HOLDER, ConflictResolution.KEEP_FIRST, "first was first"),
                    new DealRegistrationRejectedEvent(ID, PARTNER, DOMAIN, "CONFLICT_LOST", "first was first"))
                    .when(APPROVE)
                    .expectException(violation("deal_already_closed"))
                    .expectNoEvents();
        }

        @Test
        void cannotApproveTwice() {
            given(SUBMITTED, APPROVED)
                    .when(APPROVE)
                    .expectException(violation("deal_already_approved", ErrorKind.CONFLICT))
                    .expectNoEvents();
        }

        @Test
        void cannotApproveARejectedRegistration() {
            given(SUBMITTED, new DealRegistrationRejectedEvent(ID, PARTNER, DOMAIN, "NOT_QUALIFIED", "no budget"))
                    .when(APPROVE)
                    .expectException(violation("deal_already_closed", ErrorKind.CONFLICT))
                    .expectNoEvents();
        }

        @Test
        void cannotApproveAnExpiredRegistration() {
            given(SUBMITTED, APPROVED, new DealRegistrationExpiredEvent(ID, PARTNER, DOMAIN))
                    .when(APPROVE)
                    .expectException(violation("deal_already_closed"))
                    .expectNoEvents();
        }

        @Test
        void submittedRegistrationIsRejectedWithAReasonCode() {
            given(SUBMITTED)
                    .when(new RejectDealRegistrationCommand(ID, " NOT_QUALIFIED ", " no budget "))
                    .expectEvents(new DealRegistrationRejectedEvent(ID, PARTNER, DOMAIN, "NOT_QUALIFIED", "no budget"));
        }

        @Test
        void registrationInConflictCanBeRejected() {
            given(CONFLICTED)
                    .when(new RejectDealRegistrationCommand(ID, "DUPLICATE", "same opportunity"))
                    .expectEvents(new DealRegistrationRejectedEvent(ID, PARTNER, DOMAIN, "DUPLICATE", "same opportunity"));
        }

        @Test
        void rejectionNeedsAReasonCodeAndAReason() {
            given(SUBMITTED)
                    .when(new RejectDealRegistrationCommand(ID, " ", "no budget"))
                    .expectException(violation("reason_code_required", ErrorKind.INVALID))
                    .expectNoEvents();
            given(SUBMITTED)
                    .when(new RejectDealRegistrationCommand(ID, "NOT_QUALIFIED", null))
                    .expectException(violation("reason_required", ErrorKind.INVALID))
                    .expectNoEvents();
        }

        @Test
        void cannotRejectAnApprovedRegistration() {
            given(SUBMITTED, APPROVED)
                    .when(new RejectDealRegistrationCommand(ID, "NOT_QUALIFIED", "changed my mind"))
                    .expectException(violation("deal_already_approved"))
                    .expectNoEvents();
        }

        @Test
        void cannotRejectAClosedRegistration() {
            given(SUBMITTED, APPROVED, WON)
                    .when(new RejectDealRegistrationCommand(ID, "NOT_QUALIFIED", "too late"))
                    .expectException(violation("deal_already_closed"))
                    .expectNoEvents();
        }
    }

    @Nested
    class ProtectionExtension {

        private final RequestProtectionExtensionCommand request =
                new RequestProtectionExtensionCommand(ID, PARTNER, 30, " customer's board meets in June ");
        private final ProtectionExtensionRequestedEvent requested =
                new ProtectionExtensionRequestedEvent(ID, PARTNER, 30, "customer's board meets in June");

        @Test
        void registeringPartnerRequestsAnExtension() {
            given(SUBMITTED, APPROVED)
                    .when(request)
                    .expectEvents(requested);
        }

        @Test
        void anotherPartnersRequestAnswersAsAnUnknownDeal() {
            given(SUBMITTED, APPROVED)
                    .when(new RequestProtectionExtensionCommand(ID, OTHER_PARTNER, 30, "please"))
                    .expectException(violation("deal_not_found", ErrorKind.NOT_FOUND))
                    .expectNoEvents();
        }

        @Test
        void onlyAnApprovedRegistrationIsExtended() {
            given(SUBMITTED)
                    .when(request)
                    .expectException(violation("deal_not_approved", ErrorKind.CONFLICT))
                    .expectNoEvents();
            given(SUBMITTED, APPROVED, WON)
                    .when(request)
                    .expectException(violation("deal_not_approved"))
                    .expectNoEvents();
        }

        @Test
        void requestNeedsDaysAndAReason() {
            given(SUBMITTED, APPROVED)
                    .when(new RequestProtectionExtensionCommand(ID, PARTNER, 0, "please"))
                    .expectException(violation("extension_days_invalid"))
                    .expectNoEvents();
            given(SUBMITTED, APPROVED)
                    .when(new RequestProtectionExtensionCommand(ID, PARTNER, 30, ""))
                    .expectException(violation("reason_required"))
                    .expectNoEvents();
        }

        @Test
        void secondRequestWaitsForTheDecisionOnTheFirst() {
            given(SUBMITTED, APPROVED, requested)
                    .when(request)
                    .expectException(violation("extension_already_requested", ErrorKind.CONFLICT))
                    .expectNoEvents();
        }

        @Test
        void protectionThatHasRunOutCannotBeExtended() {
            given(SUBMITTED, APPROVED)
                    .andGivenCurrentTime(UNTIL)
                    .when(request)
                    .expectException(violation("protection_ended"))
                    .expectNoEvents();
        }

        @Test
        void grantedExtensionMovesTheWindowAndItsDeadlines() {
            Instant extended = UNTIL.plus(Duration.ofDays(30));
            given(SUBMITTED)
                    .andGivenCommands(APPROVE, request)
                    .when(new DecideProtectionExtensionCommand(ID, true, null, "board date confirmed"))
                    .expectEvents(new ProtectionExtendedEvent(ID, PARTNER, extended, "board date confirmed"))
                    .expectScheduledDeadline(extended.minus(Duration.ofDays(14)), new ProtectionReminderDue(ID, extended))
                    .expectScheduledDeadline(extended, new ProtectionExpiryDue(ID, extended))
                    .expectNoScheduledDeadline(UNTIL.minus(Duration.ofDays(14)), new ProtectionReminderDue(ID, UNTIL))
                    .expectNoScheduledDeadline(UNTIL, new ProtectionExpiryDue(ID, UNTIL));
        }

        @Test
        void managerMayGrantOtherDaysThanAsked() {
            given(SUBMITTED, APPROVED, requested)
                    .when(new DecideProtectionExtensionCommand(ID, true, 10, "two weeks at most"))
                    .expectEvents(new ProtectionExtendedEvent(ID, PARTNER, UNTIL.plus(Duration.ofDays(10)),
                            "two weeks at most"));
        }

        @Test
        void grantedDaysMustBePositive() {
            given(SUBMITTED, APPROVED, requested)
                    .when(new DecideProtectionExtensionCommand(ID, true, 0, "none"))
                    .expectException(violation("extension_days_invalid", ErrorKind.INVALID))
                    .expectNoEvents();
        }

        @Test
        void deniedExtensionLeavesTheWindowAsItWas() {
            given(SUBMITTED)
                    .andGivenCommands(APPROVE, request)
                    .when(new DecideProtectionExtensionCommand(ID, false, null, "no progress in 90 days"))
                    .expectEvents(new ProtectionExtensionDeniedEvent(ID, PARTNER, "no progress in 90 days"))
                    .expectScheduledDeadline(UNTIL, new ProtectionExpiryDue(ID, UNTIL));
        }

        @Test
        void decisionNeedsAPendingRequest() {
            given(SUBMITTED, APPROVED)
                    .when(new DecideProtectionExtensionCommand(ID, true, 30, "why not"))
                    .expectException(violation("no_extension_requested", ErrorKind.CONFLICT))
                    .expectNoEvents();
            given(SUBMITTED, APPROVED, requested, new ProtectionExtensionDeniedEvent(ID, PARTNER, "no"))
                    .when(new DecideProtectionExtensionCommand(ID, true, 30, "changed my mind"))
                    .expectException(violation("no_extension_requested"))
                    .expectNoEvents();
        }

        @Test
        void decisionNeedsAReason() {
            given(SUBMITTED, APPROVED, requested)
                    .when(new DecideProtectionExtensionCommand(ID, false, null, " "))
                    .expectException(violation("reason_required"))
                    .expectNoEvents();
        }

        @Test
        void partnerMayAskAgainAfterADecision() {
            given(SUBMITTED, APPROVED, requested, new ProtectionExtensionDeniedEvent(ID, PARTNER, "not yet"))
                    .when(request)
                    .expectEvents(requested);
        }
    }

    @Nested
    class Deadlines {

        private final ProtectionReminderDue reminder = new ProtectionReminderDue(ID, UNTIL);
        private final ProtectionExpiryDue expiry = new ProtectionExpiryDue(ID, UNTIL);

        @Test
        void reminderComesTheConfiguredDaysBeforeProtectionEnds() {
            given(SUBMITTED)
                    .andGivenCommands(APPROVE)
                    .whenThenTimeElapses(Duration.ofDays(76))
                    .expectDeadlinesMet(reminder)
                    .expectEvents(new ProtectionExpiryRemindedEvent(ID, PARTNER, UNTIL));
        }

        @Test
        void registrationExpiresWhenProtectionEnds() {
            given(SUBMITTED)
                    .andGivenCommands(APPROVE)
                    .whenTimeElapses(Duration.ofDays(90))
                    .expectDeadlinesMet(reminder, expiry)
                    .expectEvents(new ProtectionExpiryRemindedEvent(ID, PARTNER, UNTIL),
                            new DealRegistrationExpiredEvent(ID, PARTNER, DOMAIN));
        }

        @Test
        void nothingHappensBeforeTheReminderIsDue() {
            given(SUBMITTED)
                    .andGivenCommands(APPROVE)
                    .whenThenTimeElapses(Duration.ofDays(75))
                    .expectTriggeredDeadlines()
                    .expectNoEvents();
        }

        @Test
        void extendedProtectionDoesNotExpireAtItsOldEnd() {
            given(SUBMITTED)
                    .andGivenCommands(APPROVE,
                            new RequestProtectionExtensionCommand(ID, PARTNER, 30, "board meets in June"),
                            new DecideProtectionExtensionCommand(ID, true, null, "fine"))
                    .whenThenTimeElapses(Duration.ofDays(100))
                    .expectTriggeredDeadlines()
                    .expectNoEvents();
        }

        @Test
        void extendedProtectionExpiresAtItsNewEnd() {
            Instant extended = UNTIL.plus(Duration.ofDays(30));
            given(SUBMITTED)
                    .andGivenCommands(APPROVE,
                            new RequestProtectionExtensionCommand(ID, PARTNER, 30, "board meets in June"),
                            new DecideProtectionExtensionCommand(ID, true, null, "fine"))
                    .whenThenTimeElapses(Duration.ofDays(120))
                    .expectDeadlinesMet(new ProtectionReminderDue(ID, extended), new ProtectionExpiryDue(ID, extended))
                    .expectEvents(new ProtectionExpiryRemindedEvent(ID, PARTNER, extended),
                            new DealRegistrationExpiredEvent(ID, PARTNER, DOMAIN));
        }

        @Test
        void extensionAfterTheReminderBringsAReminderForTheNewWindow() {
            Instant extended = UNTIL.plus(Duration.ofDays(30));
            given(SUBMITTED)
                    .andGivenCommands(APPROVE)
                    .andGiven(new ProtectionExpiryRemindedEvent(ID, PARTNER, UNTIL),
                            new ProtectionExtensionRequestedEvent(ID, PARTNER, 30, "board meets in June"))
                    .when(new DecideProtectionExtensionCommand(ID, true, null, "fine"))
                    .expectScheduledDeadline(extended.minus(Duration.ofDays(14)), new ProtectionReminderDue(ID, extended));
        }

        @Test
        void deadlinesOfAWindowThatHasMovedAreIgnored() {
            // a window extended while its deadlines stayed scheduled, as if a cancellation had been lost
            given(SUBMITTED)
                    .andGivenCommands(APPROVE)
                    .andGiven(new ProtectionExtendedEvent(ID, PARTNER, UNTIL.plus(Duration.ofDays(30)), "fine"))
                    .whenThenTimeElapses(Duration.ofDays(91))
                    .expectDeadlinesMet(reminder, expiry)
                    .expectNoEvents();
        }

        @Test
        void closingWonCancelsTheProtectionDeadlines() {
            given(SUBMITTED)
                    .andGivenCommands(APPROVE)
                    .when(new CloseDealWonCommand(ID, usd(48_000_00), CLOSE_DATE, List.of(), CloseSource.MANUAL))
                    .expectEvents(WON)
                    .expectNoScheduledDeadlines();
        }

        @Test
        void closingLostCancelsTheProtectionDeadlines() {
            given(SUBMITTED)
                    .andGivenCommands(APPROVE)
                    .when(new CloseDealLostCommand(ID, "went with a competitor", CloseSource.CRM))
                    .expectEvents(new DealClosedLostEvent(ID, PARTNER, DOMAIN, "went with a competitor", CloseSource.CRM))
                    .expectNoScheduledDeadlines();
        }

        @Test
        void closedRegistrationNeverExpires() {
            given(SUBMITTED)
                    .andGivenCommands(APPROVE, new CloseDealLostCommand(ID, "budget cut", CloseSource.MANUAL))
                    .whenThenTimeElapses(Duration.ofDays(120))
                    .expectTriggeredDeadlines()
                    .expectNoEvents();
        }

        @Test
        void transferredHolderIsRejectedAndItsDeadlinesCancelled() {
            StubDeadlineManager deadlines = new StubDeadlineManager(NOW);
            AggregateScopeDescriptor scope = new AggregateScopeDescriptor("DealRegistration", ID);
            deadlines.schedule(UNTIL.minus(Duration.ofDays(14)), REMINDER_DEADLINE, reminder, scope);
            deadlines.schedule(UNTIL, EXPIRY_DEADLINE, expiry, scope);
            given(SUBMITTED, APPROVED)
                    .whenInvoking(ID, registration -> registration.surrenderProtection("later partner owns the account", deadlines))
                    .expectEvents(new DealRegistrationRejectedEvent(ID, PARTNER, DOMAIN, "PROTECTION_TRANSFERRED",
                            "later partner owns the account"));
            assertTrue(deadlines.getScheduledDeadlines().isEmpty(), "the holder's deadlines are cancelled");
        }
    }

    @Nested
    class Conflict {

        @Test
        void keepingTheFirstRejectsTheContester() {
            given(CONFLICTED)
                    .whenInvoking(ID, registration ->
                            registration.resolveConflict(ConflictResolution.KEEP_FIRST, HOLDER, "first was first"))
                    .expectEvents(new DealConflictResolvedEvent(ID, PARTNER, HOLDER, ConflictResolution.KEEP_FIRST,
                                    "first was first"),
                            new DealRegistrationRejectedEvent(ID, PARTNER, DOMAIN, "CONFLICT_LOST", "first was first"));
        }

        @Test
        void coSellingPutsTheContesterUnderReview() {
            given(CONFLICTED)
                    .whenInvoking(ID, registration ->
                            registration.resolveConflict(ConflictResolution.CO_SELL, HOLDER, "joint bid"))
                    .expectEvents(new DealConflictResolvedEvent(ID, PARTNER, HOLDER, ConflictResolution.CO_SELL, "joint bid"))
                    .expectState(registration -> assertTrue(registration.protectionEndedAt(NOW).isEmpty()));
        }

        @Test
        void onlyARegistrationInConflictIsResolved() {
            given(SUBMITTED)
                    .whenInvoking(ID, registration ->
                            registration.resolveConflict(ConflictResolution.CO_SELL, HOLDER, "joint bid"))
                    .expectException(violation("deal_not_in_conflict", ErrorKind.CONFLICT))
                    .expectNoEvents();
        }

        @Test
        void submittedAndApprovedRegistrationsProtectTheirCustomerUntilTheWindowEnds() {
            given(SUBMITTED).whenInvoking(ID, registration -> { })
                    .expectState(registration -> assertTrue(registration.protectionEndedAt(NOW).isEmpty()));
            given(SUBMITTED, APPROVED).whenInvoking(ID, registration -> { })
                    .expectState(registration -> {
                        assertTrue(registration.protectionEndedAt(UNTIL.minusSeconds(1)).isEmpty());
                        assertTrue(registration.protectionEndedAt(UNTIL).orElseThrow().equals("EXPIRED"));
                    });
            given(SUBMITTED, new DealRegistrationRejectedEvent(ID, PARTNER, DOMAIN, "DUPLICATE", "dup"))
                    .whenInvoking(ID, registration -> { })
                    .expectState(registration ->
                            assertTrue(registration.protectionEndedAt(NOW).orElseThrow().equals("REJECTED")));
        }
    }

    @Nested
    class CloseOut {

        @Test
        void approvedDealIsClosedWonWithLineItemsThatAddUp() {
            List<LineItem> lines = List.of(
                    new LineItem("Onboarding", usd(12_000_00), false, null),
                    new LineItem("Platform", usd(3_000_00), true, 12));
            given(SUBMITTED, APPROVED)
                    .when(new CloseDealWonCommand(ID, usd(48_000_00), CLOSE_DATE, lines, CloseSource.CRM))
                    .expectEvents(new DealClosedWonEvent(ID, PARTNER, DOMAIN, usd(48_000_00), CLOSE_DATE, lines,
                            CloseSource.CRM, SOURCED_ONLY));
        }

        @Test
        void closeBeforeApprovalIsRefused() {
            given(SUBMITTED)
                    .when(new CloseDealWonCommand(ID, usd(48_000_00), CLOSE_DATE, List.of(), CloseSource.MANUAL))
                    .expectException(violation("close_before_approval", ErrorKind.CONFLICT))
                    .expectNoEvents();
            given(CONFLICTED)
                    .when(new CloseDealWonCommand(ID, usd(48_000_00), CLOSE_DATE, List.of(), CloseSource.CRM))
                    .expectException(violation("close_before_approval"))
                    .expectNoEvents();
        }

        @Test
        void cannotWinAClosedDeal() {
            given(SUBMITTED, APPROVED, WON)
                    .when(new CloseDealWonCommand(ID, usd(48_000_00), CLOSE_DATE, List.of(), CloseSource.CRM))
                    .expectException(violation("deal_already_closed"))
                    .expectNoEvents();
            given(SUBMITTED, APPROVED, new DealRegistrationExpiredEvent(ID, PARTNER, DOMAIN))
                    .when(new CloseDealWonCommand(ID, usd(48_000_00), CLOSE_DATE, List.of(), CloseSource.CRM))
                    .expectException(violation("deal_already_closed"))
                    .expectNoEvents();
        }

        @Test
        void wonAmountMustBePositive() {
            given(SUBMITTED, APPROVED)
                    .when(new CloseDealWonCommand(ID, usd(0), CLOSE_DATE, List.of(), CloseSource.MANUAL))
                    .expectException(violation("amount_invalid", ErrorKind.INVALID))
                    .expectNoEvents();
            given(SUBMITTED, APPROVED)
                    .when(new CloseDealWonCommand(ID, null, CLOSE_DATE, List.of(), CloseSource.MANUAL))
                    .expectException(violation("amount_invalid"))
                    .expectNoEvents();
        }

        @Test
        void closeNeedsADateAndASource() {
            given(SUBMITTED, APPROVED)
                    .when(new CloseDealWonCommand(ID, usd(48_000_00), null, List.of(), CloseSource.MANUAL))
                    .expectException(violation("close_date_required"))
                    .expectNoEvents();
            given(SUBMITTED, APPROVED)
                    .when(new CloseDealWonCommand(ID, usd(48_000_00), CLOSE_DATE, List.of(), null))
                    .expectException(violation("source_required"))
                    .expectNoEvents();
        }

        @Test
        void dealMayBeWonInAnotherCurrencyThanItsEstimate() {
            given(SUBMITTED, APPROVED)
                    .when(new CloseDealWonCommand(ID, eur(44_000_00), CLOSE_DATE, null, CloseSource.CRM))
                    .expectEvents(new DealClosedWonEvent(ID, PARTNER, DOMAIN, eur(44_000_00), CLOSE_DATE, List.of(),
                            CloseSource.CRM, SOURCED_ONLY));
        }

        @Test
        void lineItemsMustAddUpToTheAmount() {
            given(SUBMITTED, APPROVED)
                    .when(new CloseDealWonCommand(ID, usd(48_000_00), CLOSE_DATE,
                            List.of(new LineItem("Platform", usd(3_000_00), true, 12)), CloseSource.CRM))
                    .expectException(violation("line_items_do_not_sum", ErrorKind.INVALID))
                    .expectNoEvents();
        }

        @Test
        void lineItemsAreInTheCurrencyOfTheAmount() {
            given(SUBMITTED, APPROVED)
                    .when(new CloseDealWonCommand(ID, usd(48_000_00), CLOSE_DATE,
                            List.of(new LineItem("Platform", eur(48_000_00), false, null)), CloseSource.CRM))
                    .expectException(violation("currency_mismatch", ErrorKind.RULE_VIOLATED))
                    .expectNoEvents();
        }

        @Test
        void recurringLineNeedsATermOfAtLeastAMonth() {
            given(SUBMITTED, APPROVED)
                    .when(new CloseDealWonCommand(ID, usd(3_000_00), CLOSE_DATE,
                            List.of(new LineItem("Platform", usd(3_000_00), true, null)), CloseSource.CRM))
                    .expectException(violation("recurring_term_required"))
                    .expectNoEvents();
            given(SUBMITTED, APPROVED)
                    .when(new CloseDealWonCommand(ID, usd(3_000_00), CLOSE_DATE,
                            List.of(new LineItem("Platform", usd(3_000_00), true, 0)), CloseSource.CRM))
                    .expectException(violation("recurring_term_required"))
                    .expectNoEvents();
        }

        @Test
        void oneOffLineHasNoTermAndNeedsAProduct() {
            given(SUBMITTED, APPROVED)
                    .when(new CloseDealWonCommand(ID, usd(3_000_00), CLOSE_DATE,
                            List.of(new LineItem("Onboarding", usd(3_000_00), false, 12)), CloseSource.CRM))
                    .expectException(violation("line_item_invalid"))
                    .expectNoEvents();
            given(SUBMITTED, APPROVED)
                    .when(new CloseDealWonCommand(ID, usd(3_000_00), CLOSE_DATE,
                            List.of(new LineItem(" ", usd(3_000_00), false, null)), CloseSource.CRM))
                    .expectException(violation("line_item_invalid"))
                    .expectNoEvents();
        }

        @Test
        void submittedApprovedAndConflictingRegistrationsCanBeLost() {
            DealClosedLostEvent lost = new DealClosedLostEvent(ID, PARTNER, DOMAIN, "budget cut", CloseSource.MANUAL);
            given(SUBMITTED)
                    .when(new CloseDealLostCommand(ID, " budget cut ", CloseSource.MANUAL))
                    .expectEvents(lost);
            given(SUBMITTED, APPROVED)
                    .when(new CloseDealLostCommand(ID, "budget cut", CloseSource.MANUAL))
                    .expectEvents(lost);
            given(CONFLICTED)
                    .when(new CloseDealLostCommand(ID, "budget cut", CloseSource.MANUAL))
                    .expectEvents(lost);
        }

        @Test
        void lossNeedsAReason() {
            given(SUBMITTED, APPROVED)
                    .when(new CloseDealLostCommand(ID, "", CloseSource.CRM))
                    .expectException(violation("reason_required"))
                    .expectNoEvents();
        }

        @Test
        void cannotLoseAClosedDeal() {
            given(SUBMITTED, APPROVED, WON)
                    .when(new CloseDealLostCommand(ID, "changed", CloseSource.CRM))
                    .expectException(violation("deal_already_closed"))
                    .expectNoEvents();
            given(SUBMITTED, new DealRegistrationRejectedEvent(ID, PARTNER, DOMAIN, "DUPLICATE", "dup"))
                    .when(new CloseDealLostCommand(ID, "changed", CloseSource.CRM))
                    .expectException(violation("deal_already_closed"))
                    .expectNoEvents();
        }
    }

    @Nested
    class CreditedPartnersAndBilling {

        private final List<LineItem> subscription = List.of(new LineItem("Platform", usd(1_000_00), true, 12));
        private final DealClosedWonEvent wonWithSubscription = new DealClosedWonEvent(ID, PARTNER, DOMAIN,
                usd(12_000_00), CLOSE_DATE, subscription, CloseSource.CRM, SOURCED_ONLY);

        @Test
        void acceptedTouchesAreCreditedAtCloseInOrderWithTheRegistrantFirst() {
            given(SUBMITTED, APPROVED,
                    new PartnerTouchLoggedEvent(ID, "t-1", OTHER_PARTNER, TouchType.INFLUENCED, "ran the demo", false),
                    new PartnerTouchAcceptedEvent(ID, "t-1", OTHER_PARTNER, TouchType.INFLUENCED),
                    new PartnerTouchLoggedEvent(ID, "t-2", "partner-c", TouchType.DELIVERED, null, true),
                    new PartnerTouchLoggedEvent(ID, "t-3", "partner-d", TouchType.INFLUENCED, "a call", false))
                    .when(new CloseDealWonCommand(ID, usd(48_000_00), CLOSE_DATE, List.of(), CloseSource.MANUAL))
                    .expectEvents(new DealClosedWonEvent(ID, PARTNER, DOMAIN, usd(48_000_00), CLOSE_DATE, List.of(),
                            CloseSource.MANUAL, List.of(
                            new DealTouch("sourced", PARTNER, TouchType.SOURCED, null, true),
                            new DealTouch("t-1", OTHER_PARTNER, TouchType.INFLUENCED, null, true),
                            new DealTouch("t-2", "partner-c", TouchType.DELIVERED, null, true))));
        }

        @Test
        void refundsNameEveryCreditedPartner() {
            given(SUBMITTED, APPROVED, new DealClosedWonEvent(ID, PARTNER, DOMAIN, usd(48_000_00), CLOSE_DATE,
                    List.of(), CloseSource.MANUAL, List.of(
                    new DealTouch("sourced", PARTNER, TouchType.SOURCED, null, true),
                    new DealTouch("t-1", OTHER_PARTNER, TouchType.INFLUENCED, null, true))))
                    .when(new RefundDealCommand(ID, usd(8_000_00), "rf-1", CloseSource.CRM))
                    .expectEvents(new DealRefundedEvent(ID, PARTNER, usd(8_000_00), usd(8_000_00), "rf-1",
                            CloseSource.CRM, usd(48_000_00), List.of(PARTNER, OTHER_PARTNER)));
        }

        @Test
        void billedPeriodOfARecurringLineIsReported() {
            given(SUBMITTED, APPROVED, wonWithSubscription)
                    .when(new ReportBillingPeriodCommand(ID, " Platform ", 3, usd(1_000_00), CLOSE_DATE.plusMonths(2),
                            CloseSource.CRM))
                    .expectEvents(new SubscriptionPeriodBilledEvent(ID, PARTNER, "Platform", 3, usd(1_000_00),
                            CLOSE_DATE, CLOSE_DATE.plusMonths(2), CloseSource.CRM));
        }

        @Test
        void periodIsReportedOnce() {
            given(SUBMITTED, APPROVED, wonWithSubscription, new SubscriptionPeriodBilledEvent(ID, PARTNER, "Platform",
                    1, usd(1_000_00), CLOSE_DATE, CLOSE_DATE, CloseSource.CRM))
                    .when(new ReportBillingPeriodCommand(ID, "Platform", 1, usd(1_000_00), CLOSE_DATE, CloseSource.CRM))
                    .expectException(violation("billing_period_already_reported", ErrorKind.CONFLICT))
                    .expectNoEvents();
        }

        @Test
        void periodOutsideTheTermOrUnknownProductIsRefused() {
            given(SUBMITTED, APPROVED, wonWithSubscription)
                    .when(new ReportBillingPeriodCommand(ID, "Platform", 13, usd(1_000_00), CLOSE_DATE, CloseSource.CRM))
                    .expectException(violation("billing_period_invalid", ErrorKind.INVALID))
                    .expectNoEvents();
            given(SUBMITTED, APPROVED, wonWithSubscription)
                    .when(new ReportBillingPeriodCommand(ID, "Onboarding", 1, usd(1_000_00), CLOSE_DATE, CloseSource.CRM))
                    .expectException(violation("recurring_line_unknown"))
                    .expectNoEvents();
        }

        @Test
        void billingNeedsAWonDeal() {
            given(SUBMITTED, APPROVED)
                    .when(new ReportBillingPeriodCommand(ID, "Platform", 1, usd(1_000_00), CLOSE_DATE, CloseSource.CRM))
                    .expectException(violation("deal_not_won"))
                    .expectNoEvents();
        }
    }

    @Nested
    class AmountsAndRefunds {

        @Test
        void wonAmountChanges() {
            given(SUBMITTED, APPROVED, WON)
                    .when(new ChangeDealAmountCommand(ID, usd(45_000_00), CloseSource.CRM))
                    .expectEvents(new DealAmountChangedEvent(ID, PARTNER, usd(48_000_00), usd(45_000_00), CloseSource.CRM, usd(0), CREDITED));
        }

        @Test
        void sameAmountAgainChangesNothing() {
            given(SUBMITTED, APPROVED, WON)
                    .when(new ChangeDealAmountCommand(ID, usd(48_000_00), CloseSource.CRM))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void amountChangesOnlyAfterTheDealIsWon() {
            given(SUBMITTED, APPROVED)
                    .when(new ChangeDealAmountCommand(ID, usd(45_000_00), CloseSource.CRM))
                    .expectException(violation("deal_not_won", ErrorKind.CONFLICT))
                    .expectNoEvents();
        }

        @Test
        void amountKeepsTheCurrencyOfTheWin() {
            given(SUBMITTED, APPROVED, WON)
                    .when(new ChangeDealAmountCommand(ID, eur(45_000_00), CloseSource.CRM))
                    .expectException(violation("currency_mismatch"))
                    .expectNoEvents();
        }

        @Test
        void amountMustBePositive() {
            given(SUBMITTED, APPROVED, WON)
                    .when(new ChangeDealAmountCommand(ID, usd(-1), CloseSource.CRM))
                    .expectException(violation("amount_invalid"))
                    .expectNoEvents();
        }

        @Test
        void amountCannotDropBelowWhatWasRefunded() {
            given(SUBMITTED, APPROVED, WON,
                    new DealRefundedEvent(ID, PARTNER, usd(10_000_00), usd(10_000_00), "rf-1", CloseSource.CRM, usd(48_000_00), CREDITED))
                    .when(new ChangeDealAmountCommand(ID, usd(9_000_00), CloseSource.CRM))
                    .expectException(violation("amount_below_refunds", ErrorKind.RULE_VIOLATED))
                    .expectNoEvents();
        }

        @Test
        void partialRefundsAddUp() {
            given(SUBMITTED, APPROVED, WON,
                    new DealRefundedEvent(ID, PARTNER, usd(10_000_00), usd(10_000_00), "rf-1", CloseSource.CRM, usd(48_000_00), CREDITED))
                    .when(new RefundDealCommand(ID, usd(5_000_00), " rf-2 ", CloseSource.CRM))
                    .expectEvents(new DealRefundedEvent(ID, PARTNER, usd(5_000_00), usd(15_000_00), "rf-2", CloseSource.CRM, usd(48_000_00), CREDITED));
        }

        @Test
        void wholeAmountCanBeRefunded() {
            given(SUBMITTED, APPROVED, WON)
                    .when(new RefundDealCommand(ID, usd(48_000_00), "rf-1", CloseSource.CRM))
                    .expectEvents(new DealRefundedEvent(ID, PARTNER, usd(48_000_00), usd(48_000_00), "rf-1", CloseSource.CRM, usd(48_000_00), CREDITED));
        }

        @Test
        void refundsCannotExceedTheAmount() {
            given(SUBMITTED, APPROVED, WON,
                    new DealRefundedEvent(ID, PARTNER, usd(40_000_00), usd(40_000_00), "rf-1", CloseSource.CRM, usd(48_000_00), CREDITED))
                    .when(new RefundDealCommand(ID, usd(8_000_01), "rf-2", CloseSource.CRM))
                    .expectException(violation("refund_exceeds_amount", ErrorKind.RULE_VIOLATED))
                    .expectNoEvents();
        }

        @Test
        void refundsAreMeasuredAgainstTheChangedAmount() {
            given(SUBMITTED, APPROVED, WON,
                    new DealAmountChangedEvent(ID, PARTNER, usd(48_000_00), usd(30_000_00), CloseSource.CRM, usd(0), CREDITED))
                    .when(new RefundDealCommand(ID, usd(30_000_01), "rf-1", CloseSource.CRM))
                    .expectException(violation("refund_exceeds_amount"))
                    .expectNoEvents();
        }

        @Test
        void refundIsInTheCurrencyOfTheWin() {
            given(SUBMITTED, APPROVED, WON)
                    .when(new RefundDealCommand(ID, eur(1_000_00), "rf-1", CloseSource.CRM))
                    .expectException(violation("currency_mismatch", ErrorKind.RULE_VIOLATED))
                    .expectNoEvents();
        }

        @Test
        void refundOnlyAfterTheDealIsWon() {
            given(SUBMITTED, APPROVED)
                    .when(new RefundDealCommand(ID, usd(1_000_00), "rf-1", CloseSource.CRM))
                    .expectException(violation("deal_not_won"))
                    .expectNoEvents();
        }

        @Test
        void sameRefundIsRecordedOnce() {
            given(SUBMITTED, APPROVED, WON,
                    new DealRefundedEvent(ID, PARTNER, usd(1_000_00), usd(1_000_00), "rf-1", CloseSource.CRM, usd(48_000_00), CREDITED))
                    .when(new RefundDealCommand(ID, usd(1_000_00), "rf-1", CloseSource.CRM))
                    .expectException(violation("refund_already_recorded", ErrorKind.CONFLICT))
                    .expectNoEvents();
        }

        @Test
        void refundNeedsAPositiveAmountAndAReference() {
            given(SUBMITTED, APPROVED, WON)
                    .when(new RefundDealCommand(ID, usd(0), "rf-1", CloseSource.CRM))
                    .expectException(violation("amount_invalid"))
                    .expectNoEvents();
            given(SUBMITTED, APPROVED, WON)
                    .when(new RefundDealCommand(ID, usd(1_000_00), null, CloseSource.CRM))
                    .expectException(violation("reference_required"))
                    .expectNoEvents();
        }
    }

    @Nested
    class Touches {

        private final LogPartnerTouchCommand influence =
                new LogPartnerTouchCommand(ID, "t-1", OTHER_PARTNER, TouchType.INFLUENCED, " ran the workshop ");
        private final PartnerTouchLoggedEvent influenceLogged = new PartnerTouchLoggedEvent(ID, "t-1", OTHER_PARTNER,
                TouchType.INFLUENCED, "ran the workshop", false);

        @Test
        void influenceIsLoggedAwaitingAcceptance() {
            given(SUBMITTED)
                    .when(influence)
                    .expectEvents(influenceLogged);
        }

        @Test
        void deliveryIsAcceptedAtOnce() {
            given(SUBMITTED, APPROVED)
                    .when(new LogPartnerTouchCommand(ID, "t-2", "services-co", TouchType.DELIVERED, null))
                    .expectEvents(new PartnerTouchLoggedEvent(ID, "t-2", "services-co", TouchType.DELIVERED, null, true));
        }

        @Test
        void deliveryCanBeAssignedAfterTheDealIsWon() {
            given(SUBMITTED, APPROVED, WON)
                    .when(new LogPartnerTouchCommand(ID, "t-2", "services-co", TouchType.DELIVERED, "implementation"))
                    .expectEvents(new PartnerTouchLoggedEvent(ID, "t-2", "services-co", TouchType.DELIVERED,
                            "implementation", true));
        }

        @Test
        void sourcedTouchIsRefused() {
            given(SUBMITTED)
                    .when(new LogPartnerTouchCommand(ID, "t-1", OTHER_PARTNER, TouchType.SOURCED, "we found them"))
                    .expectException(violation("sourced_touch_not_allowed", ErrorKind.RULE_VIOLATED))
                    .expectNoEvents();
        }

        @Test
        void registrantCannotTouchItsOwnDeal() {
            given(SUBMITTED)
                    .when(new LogPartnerTouchCommand(ID, "t-1", PARTNER, TouchType.INFLUENCED, "we did it all"))
                    .expectException(violation("touch_by_registrant", ErrorKind.RULE_VIOLATED))
                    .expectNoEvents();
        }

        @Test
        void influenceNeedsEvidence() {
            given(SUBMITTED)
                    .when(new LogPartnerTouchCommand(ID, "t-1", OTHER_PARTNER, TouchType.INFLUENCED, " "))
                    .expectException(violation("evidence_required"))
                    .expectNoEvents();
        }

        @Test
        void touchNeedsAnIdAPartnerAndAType() {
            given(SUBMITTED)
                    .when(new LogPartnerTouchCommand(ID, null, OTHER_PARTNER, TouchType.DELIVERED, null))
                    .expectException(violation("touch_id_required"))
                    .expectNoEvents();
            given(SUBMITTED)
                    .when(new LogPartnerTouchCommand(ID, "t-1", "", TouchType.DELIVERED, null))
                    .expectException(violation("partner_id_required"))
                    .expectNoEvents();
            given(SUBMITTED)
                    .when(new LogPartnerTouchCommand(ID, "t-1", OTHER_PARTNER, null, null))
                    .expectException(violation("touch_type_required"))
                    .expectNoEvents();
        }

        @Test
        void touchIdIsLoggedOnce() {
            given(SUBMITTED, influenceLogged)
                    .when(new LogPartnerTouchCommand(ID, "t-1", "services-co", TouchType.DELIVERED, null))
                    .expectException(violation("touch_already_logged", ErrorKind.CONFLICT))
                    .expectNoEvents();
        }

        @Test
        void partnerLogsOneTouchOfEachKind() {
            given(SUBMITTED, influenceLogged)
                    .when(new LogPartnerTouchCommand(ID, "t-9", OTHER_PARTNER, TouchType.INFLUENCED, "another workshop"))
                    .expectException(violation("touch_already_logged"))
                    .expectNoEvents();
            given(SUBMITTED, influenceLogged)
                    .when(new LogPartnerTouchCommand(ID, "t-9", OTHER_PARTNER, TouchType.DELIVERED, null))
                    .expectEvents(new PartnerTouchLoggedEvent(ID, "t-9", OTHER_PARTNER, TouchType.DELIVERED, null, true));
        }

        @Test
        void noTouchesOnAnEndedRegistration() {
            given(SUBMITTED, new DealClosedLostEvent(ID, PARTNER, DOMAIN, "budget cut", CloseSource.MANUAL))
                    .when(influence)
                    .expectException(violation("deal_already_closed"))
                    .expectNoEvents();
        }

        @Test
        void managerAcceptsAnInfluence() {
            given(SUBMITTED, influenceLogged)
                    .when(new AcceptPartnerTouchCommand(ID, "t-1"))
                    .expectEvents(new PartnerTouchAcceptedEvent(ID, "t-1", OTHER_PARTNER, TouchType.INFLUENCED));
        }

        @Test
        void influenceCanBeAcceptedAfterTheDealIsWon() {
            given(SUBMITTED, influenceLogged, APPROVED, WON)
                    .when(new AcceptPartnerTouchCommand(ID, "t-1"))
                    .expectEvents(new PartnerTouchAcceptedEvent(ID, "t-1", OTHER_PARTNER, TouchType.INFLUENCED));
        }

        @Test
        void touchIsAcceptedOnce() {
            given(SUBMITTED, influenceLogged, new PartnerTouchAcceptedEvent(ID, "t-1", OTHER_PARTNER, TouchType.INFLUENCED))
                    .when(new AcceptPartnerTouchCommand(ID, "t-1"))
                    .expectException(violation("touch_already_accepted", ErrorKind.CONFLICT))
                    .expectNoEvents();
        }

        @Test
        void acceptingAnUnknownTouchAnswersNotFound() {
            given(SUBMITTED)
                    .when(new AcceptPartnerTouchCommand(ID, "t-404"))
                    .expectException(violation("touch_not_found", ErrorKind.NOT_FOUND))
                    .expectNoEvents();
        }
    }

    @Nested
    class CrmLink {

        @Test
        void opportunityIsLinked() {
            given(SUBMITTED)
                    .when(new LinkCrmOpportunityCommand(ID, " opp-42 "))
                    .expectEvents(new CrmOpportunityLinkedEvent(ID, "opp-42"));
        }

        @Test
        void linkingTheLinkedOpportunityAgainChangesNothing() {
            given(SUBMITTED, new CrmOpportunityLinkedEvent(ID, "opp-42"))
                    .when(new LinkCrmOpportunityCommand(ID, "opp-42"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void anotherOpportunityReplacesTheLink() {
            given(SUBMITTED, new CrmOpportunityLinkedEvent(ID, "opp-42"))
                    .when(new LinkCrmOpportunityCommand(ID, "opp-43"))
                    .expectEvents(new CrmOpportunityLinkedEvent(ID, "opp-43"));
        }

        @Test
        void linkNeedsAnOpportunityId() {
            given(SUBMITTED)
                    .when(new LinkCrmOpportunityCommand(ID, " "))
                    .expectException(violation("crm_opportunity_id_required"))
                    .expectNoEvents();
        }

        @Test
        void rejectedRegistrationIsNotLinked() {
            given(SUBMITTED, new DealRegistrationRejectedEvent(ID, PARTNER, DOMAIN, "DUPLICATE", "dup"))
                    .when(new LinkCrmOpportunityCommand(ID, "opp-42"))
                    .expectException(violation("deal_already_closed"))
                    .expectNoEvents();
        }
    }
}
