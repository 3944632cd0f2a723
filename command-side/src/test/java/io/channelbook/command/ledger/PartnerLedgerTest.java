package io.channelbook.command.ledger;

import io.channelbook.api.common.ErrorKind;
import io.channelbook.api.commission.CommissionPlanTerms;
import io.channelbook.api.commission.CommissionRule;
import io.channelbook.api.commission.RuleKind;
import io.channelbook.api.commission.TouchShares;
import io.channelbook.api.deal.DealTouch;
import io.channelbook.api.deal.TouchType;
import io.channelbook.api.ledger.AccrueDealCommissionCommand;
import io.channelbook.api.ledger.AccrueRecurringCommissionCommand;
import io.channelbook.api.ledger.AdjustLedgerCommand;
import io.channelbook.api.ledger.BookCommissionShareCommand;
import io.channelbook.api.ledger.CommissionAccruedEvent;
import io.channelbook.api.ledger.CommissionReleasedEvent;
import io.channelbook.api.ledger.CommissionReversedEvent;
import io.channelbook.api.ledger.CommissionShareAllocatedEvent;
import io.channelbook.api.ledger.DealRevenueRecordedEvent;
import io.channelbook.api.ledger.EntryKind;
import io.channelbook.api.ledger.EntryStatus;
import io.channelbook.api.ledger.LedgerAdjustedEvent;
import io.channelbook.api.ledger.LedgerIds;
import io.channelbook.api.ledger.PayoutRecordedEvent;
import io.channelbook.api.ledger.RecordPayoutCommand;
import io.channelbook.api.ledger.ReverseDealCommissionCommand;
import io.channelbook.api.money.Money;
import io.channelbook.command.commission.engine.PlanVersion;
import io.channelbook.command.testing.FixtureClock;
import io.channelbook.command.testing.Plans;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.ResultValidator;
import org.hamcrest.Description;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import static io.channelbook.command.testing.Violations.violation;
import static org.assertj.core.api.Assertions.assertThat;

class PartnerLedgerTest {

    private static final String PARTNER = "p-1";
    private static final String OTHER = "p-2";
    private static final String LEDGER = LedgerIds.ofPartner(PARTNER);
    private static final String DEAL = "deal-1";
    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
    private static final LocalDate CLOSED = LocalDate.parse("2026-11-20");
    private static final List<DealTouch> SOURCED_ONLY =
            List.of(new DealTouch("sourced", PARTNER, TouchType.SOURCED, null, true));

    private AggregateTestFixture<PartnerLedger> fixture;
    private PlanVersion plan = version(Plans.percentOfDeal("0.10", 30));
    private String tier;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(PartnerLedger.class);
        FixtureClock clock = new FixtureClock(fixture);
        fixture.registerInjectableResource(clock);
        AccrualContext context = new AccrualContext() {
            @Override
            public String tierOf(String partnerId) {
                return tier;
            }

            @Override
            public Optional<PlanVersion> planFor(String partnerId, String tier, LocalDate closeDate) {
                return Optional.ofNullable(plan);
            }
        };
        fixture.registerAnnotatedCommandHandler(new LedgerCommandHandler(fixture.getRepository(), context, clock));
    }

    private static PlanVersion version(CommissionPlanTerms terms) {
        return new PlanVersion("plan-1", 1, LocalDate.parse("2026-01-01"), terms);
    }

    private static Money eur(long cents) {
        return Money.ofMinor(cents, "EUR");
    }

    private static AccrueDealCommissionCommand won(long cents) {
        return new AccrueDealCommissionCommand(LEDGER, PARTNER, DEAL, eur(cents), CLOSED, List.of(), SOURCED_ONLY);
    }

    /** Runs AssertJ checks on the payloads of the events a command published. */
    private static TypeSafeMatcher<List<EventMessage<?>>> payloads(Consumer<List<Object>> check) {
        return new TypeSafeMatcher<>() {
            private AssertionError failure;

            @Override
            protected boolean matchesSafely(List<EventMessage<?>> events) {
                try {
                    check.accept(events.stream().<Object>map(EventMessage::getPayload).toList());
                    return true;
                } catch (AssertionError e) {
                    failure = e;
                    return false;
                }
            }

            @Override
            public void describeTo(Description description) {
                description.appendText(failure == null ? "payloads passing the check" : failure.getMessage());
            }
        };
    }

    /** Runs AssertJ checks on the payloads of the deadlines that were met. */
    private static TypeSafeMatcher<List<DeadlineMessage<?>>> payloadsMatching(Consumer<List<Object>> check) {
        return new TypeSafeMatcher<>() {
            private AssertionError failure;

            @Override
            protected boolean matchesSafely(List<DeadlineMessage<?>> deadlines) {
                try {
                    check.accept(deadlines.stream().<Object>map(DeadlineMessage::getPayload).toList());
                    return true;
                } catch (AssertionError e) {
                    failure = e;
                    return false;
                }
            }

            @Override
            public void describeTo(Description description) {
                description.appendText(failure == null ? "deadlines passing the check" : failure.getMessage());
            }
        };
    }

    /** The events of a 10% accrual of 1,000.00 EUR, as the ledger recorded them (for later givens). */
    private List<Object> accruedHundred() {
        List<Object> recorded = new java.util.ArrayList<>();
        fixture.givenCurrentTime(NOW).when(won(1_000_00))
                .expectEventsMatching(payloads(recorded::addAll));
        setUp();
        return recorded;
    }

    @Nested
    class Accruals {

        @Test
        void wonDealAccruesPendingForTheHoldWithItsExplanation() {
            fixture.givenCurrentTime(NOW)
                    .when(won(1_000_00))
                    .expectEventsMatching(payloads(events -> {
                        assertThat(events).hasSize(2);
                        assertThat(events.get(0)).isEqualTo(new DealRevenueRecordedEvent(LEDGER, PARTNER, DEAL,
                                "2026-11", eur(1_000_00), eur(1_000_00)));
                        CommissionAccruedEvent accrued = (CommissionAccruedEvent) events.get(1);
                        assertThat(accrued.amount()).isEqualTo(eur(100_00));
                        assertThat(accrued.kind()).isEqualTo(EntryKind.ACCRUAL);
                        assertThat(accrued.entryId())
                                .isEqualTo(PartnerLedger.entryId(LEDGER, "deal|" + DEAL + "|r1"));
                        assertThat(accrued.payableAt()).isEqualTo(NOW.plus(Duration.ofDays(30)));
                        assertThat(accrued.dealAmount()).isEqualTo(eur(1_000_00));
                        assertThat(accrued.explanation().planId()).isEqualTo("plan-1");
                        assertThat(accrued.explanation().planVersion()).isEqualTo(1);
                        assertThat(accrued.explanation().ruleId()).isEqualTo("r1");
                        assertThat(accrued.explanation().rate()).isEqualByComparingTo("0.10");
                    }))
                    .expectScheduledDeadlineWithName(Duration.ofDays(30), PartnerLedger.HOLD_DEADLINE);
        }

        @Test
        void holdEndsAndTheEntryBecomesPayable() {
            List<Object> history = accruedHundred();
            CommissionAccruedEvent accrued = (CommissionAccruedEvent) history.get(1);
            fixture.givenCurrentTime(NOW)
                    .andGivenCommands(won(1_000_00))
                    .whenTimeElapses(Duration.ofDays(30))
                    .expectDeadlinesMet(new HoldEnds(accrued.entryId()))
                    .expectEvents(new CommissionReleasedEvent(LEDGER, PARTNER, accrued.entryId(), eur(100_00)));
        }

        @Test
        void withoutHoldTheAccrualIsPayableAtOnce() {
            plan = version(Plans.percentOfDeal("0.10", 0));
            fixture.givenCurrentTime(NOW)
                    .when(won(1_000_00))
                    .expectEventsMatching(payloads(events -> {
                        assertThat(events).hasSize(3);
                        CommissionAccruedEvent accrued = (CommissionAccruedEvent) events.get(1);
                        assertThat(events.get(2)).isEqualTo(
                                new CommissionReleasedEvent(LEDGER, PARTNER, accrued.entryId(), eur(100_00)));
                    }))
                    .expectNoScheduledDeadlines();
        }

        @Test
        void aDealIsAccruedOnce() {
            fixture.givenCurrentTime(NOW)
                    .andGivenCommands(won(1_000_00))
                    .when(won(1_000_00))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void withoutAPlanNothingIsAccrued() {
            plan = null;
            fixture.givenCurrentTime(NOW)
                    .when(won(1_000_00))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void sharesOfOtherPartnersAreAllocatedForTheirLedgers() {
            plan = version(Plans.terms(List.of(Plans.percentRule("r1", "0.10")), new TouchShares(60, 40, 0), 30));
            List<DealTouch> touches = List.of(new DealTouch("sourced", PARTNER, TouchType.SOURCED, null, true),
                    new DealTouch("t-1", OTHER, TouchType.INFLUENCED, null, true));
            fixture.givenCurrentTime(NOW)
                    .when(new AccrueDealCommissionCommand(LEDGER, PARTNER, DEAL, eur(1_000_01), CLOSED, List.of(),
                            touches))
                    .expectEventsMatching(payloads(events -> {
                        CommissionAccruedEvent own = events.stream().filter(CommissionAccruedEvent.class::isInstance)
                                .map(CommissionAccruedEvent.class::cast).findFirst().orElseThrow();
                        CommissionShareAllocatedEvent share = events.stream()
                                .filter(CommissionShareAllocatedEvent.class::isInstance)
                                .map(CommissionShareAllocatedEvent.class::cast).findFirst().orElseThrow();
                        // 10% of 1,000.01 = 100.001 → 100.00; 60:40 → 60.00 and 40.00
                        assertThat(own.amount().plus(share.amount())).isEqualTo(eur(100_00));
                        assertThat(own.amount()).isEqualTo(eur(60_00));
                        assertThat(share.targetPartnerId()).isEqualTo(OTHER);
                        assertThat(share.dealAmount()).isEqualTo(eur(1_000_01));
                        assertThat(share.holdDays()).isEqualTo(30);
                        assertThat(share.explanation().shareType()).isEqualTo(TouchType.INFLUENCED);
                    }));
        }

        @Test
        void bookedShareIsAPendingAccrualOnceOnly() {
            String otherLedger = LedgerIds.ofPartner(OTHER);
            BookCommissionShareCommand book = new BookCommissionShareCommand(otherLedger, OTHER, DEAL,
                    DEAL + "/r1:t-1", eur(40_00), eur(1_000_00), CLOSED, "2026-11", 30, null);
            fixture.givenCurrentTime(NOW)
                    .when(book)
                    .expectEvents(new CommissionAccruedEvent(otherLedger, OTHER, DEAL + "/r1:t-1", EntryKind.ACCRUAL,
                            DEAL, eur(40_00), CLOSED, "2026-11", NOW.plus(Duration.ofDays(30)), null, eur(1_000_00)));
            setUp();
            fixture.givenCurrentTime(NOW).andGivenCommands(book).when(book).expectNoEvents();
        }
    }

    @Nested
    class RecurringAndRebates {

        private final CommissionRule recurring = new CommissionRule("rr", RuleKind.RECURRING_SHARE, "Subscription share",
                null, null, new BigDecimal("0.20"), null, null, null, 12, null, null, null);
        private final CommissionRule volumeRebate = new CommissionRule("vr", RuleKind.VOLUME_REBATE, "Volume rebate",
                null, null, new BigDecimal("0.02"), null, null, null, null, eur(1_500_00), null, null);

        @Test
        void eachBilledPeriodAccruesOnceWithinTheTerm() {
            plan = version(Plans.terms(List.of(recurring), TouchShares.SOURCED_ONLY, 30));
            AccrueRecurringCommissionCommand third = new AccrueRecurringCommissionCommand(LEDGER, PARTNER, DEAL,
                    "Platform", 3, eur(500_00), CLOSED, CLOSED.plusMonths(2));
            fixture.givenCurrentTime(NOW)
                    .when(third)
                    .expectEventsMatching(payloads(events -> {
                        assertThat(events).hasSize(1);
                        CommissionAccruedEvent accrued = (CommissionAccruedEvent) events.get(0);
                        // 20% of 500.00 EUR billed in period 3
                        assertThat(accrued.amount()).isEqualTo(eur(100_00));
                        assertThat(accrued.kind()).isEqualTo(EntryKind.RECURRING);
                        assertThat(accrued.period()).isEqualTo("2027-01");
                    }));
            setUp();
            plan = version(Plans.terms(List.of(recurring), TouchShares.SOURCED_ONLY, 30));
            fixture.givenCurrentTime(NOW).andGivenCommands(third).when(third).expectNoEvents();
            setUp();
            plan = version(Plans.terms(List.of(recurring), TouchShares.SOURCED_ONLY, 30));
            fixture.givenCurrentTime(NOW)
                    .when(new AccrueRecurringCommissionCommand(LEDGER, PARTNER, DEAL, "Platform", 13, eur(500_00),
                            CLOSED, CLOSED.plusMonths(12)))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void volumeRebateIsAccruedWhenThePeriodEnds() {
            plan = version(Plans.terms(List.of(Plans.percentRule("r1", "0.10"), volumeRebate),
                    TouchShares.SOURCED_ONLY, 0));
            fixture.givenCurrentTime(NOW)
                    .andGivenCommands(won(1_000_00), new AccrueDealCommissionCommand(LEDGER, PARTNER, "deal-2",
                            eur(1_000_00), CLOSED, List.of(), SOURCED_ONLY))
                    // November ends on 2026-12-01T00:00Z, 3 days and 14 hours after NOW
                    .whenTimeElapses(Duration.ofDays(4))
                    .expectDeadlinesMetMatching(payloadsMatching(deadlines -> assertThat(deadlines)
                            .singleElement().isInstanceOf(PeriodEnds.class)))
                    .expectEventsMatching(payloads(events -> {
                        CommissionAccruedEvent rebate = (CommissionAccruedEvent) events.get(0);
                        // volume 2,000.00 ≥ target 1,500.00: 2% of 2,000.00 = 40.00
                        assertThat(rebate.kind()).isEqualTo(EntryKind.REBATE);
                        assertThat(rebate.amount()).isEqualTo(eur(40_00));
                        assertThat(rebate.period()).isEqualTo("2026-11");
                        assertThat(rebate.earnedOn()).isEqualTo(LocalDate.parse("2026-11-30"));
                        assertThat(events.get(1)).isInstanceOf(CommissionReleasedEvent.class);
                    }));
        }

        @Test
        void noRebateBelowTheTarget() {
            plan = version(Plans.terms(List.of(Plans.percentRule("r1", "0.10"), volumeRebate),
                    TouchShares.SOURCED_ONLY, 0));
            fixture.givenCurrentTime(NOW)
                    .andGivenCommands(won(1_000_00))
                    .whenTimeElapses(Duration.ofDays(4))
                    .expectNoEvents();
        }
    }

    @Nested
    class Reversals {

        private String entryId;

        private ResultValidator<PartnerLedger> refund(long currentCents, long refundedCents, Object... moreGiven) {
            List<Object> history = accruedHundred();
            entryId = ((CommissionAccruedEvent) history.get(1)).entryId();
            List<Object> given = new java.util.ArrayList<>(history);
            given.addAll(List.of(moreGiven).stream().map(g -> g instanceof String s
                    ? new CommissionReleasedEvent(LEDGER, PARTNER, entryId, eur(Long.parseLong(s)))
                    : g).toList());
            return fixture.givenCurrentTime(NOW).andGiven(given)
                    .when(new ReverseDealCommissionCommand(LEDGER, PARTNER, DEAL, eur(currentCents),
                            eur(refundedCents), "Refund rf-1"));
        }

        @Test
        void partialRefundReversesItsShareOfAPendingEntry() {
            // a quarter of the deal refunded: a quarter of 100.00 comes back
            refund(1_000_00, 250_00).expectEventsMatching(payloads(events -> {
                assertThat(events).hasSize(1);
                CommissionReversedEvent reversed = (CommissionReversedEvent) events.get(0);
                assertThat(reversed.amount()).isEqualTo(eur(-25_00));
                assertThat(reversed.reversedEntryId()).isEqualTo(entryId);
                assertThat(reversed.from()).isEqualTo(EntryStatus.PENDING);
                assertThat(reversed.reason()).isEqualTo("Refund rf-1");
            }));
        }

        @Test
        void reversalOfAPayableEntryComesOutOfPayable() {
            refund(1_000_00, 1_000_00, "10000").expectEventsMatching(payloads(events -> {
                CommissionReversedEvent reversed = (CommissionReversedEvent) events.get(0);
                assertThat(reversed.amount()).isEqualTo(eur(-100_00));
                assertThat(reversed.from()).isEqualTo(EntryStatus.PAYABLE);
            }));
        }

        @Test
        void theSameRefundStateAgainReversesNothing() {
            String entry = ((CommissionAccruedEvent) accruedHundred().get(1)).entryId();
            List<Object> history = accruedHundred();
            history.add(new CommissionReversedEvent(LEDGER, PARTNER, PartnerLedger.entryId(LEDGER, "reversal|" + entry + "|1"), entry, DEAL, eur(-25_00),
                    EntryStatus.PENDING, "Refund rf-1", "..."));
            fixture.givenCurrentTime(NOW).andGiven(history)
                    .when(new ReverseDealCommissionCommand(LEDGER, PARTNER, DEAL, eur(1_000_00), eur(250_00), "again"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void amountDecreaseAfterARefundTakesBackOnlyTheDifference() {
            String entry = ((CommissionAccruedEvent) accruedHundred().get(1)).entryId();
            List<Object> history = accruedHundred();
            history.add(new CommissionReversedEvent(LEDGER, PARTNER, PartnerLedger.entryId(LEDGER, "reversal|" + entry + "|1"), entry, DEAL, eur(-25_00),
                    EntryStatus.PENDING, "Refund rf-1", "..."));
            // now 800.00 with 250.00 refunded: 550/1000 of 100.00 = 55.00 should remain of 75.00 → −20.00
            fixture.givenCurrentTime(NOW).andGiven(history)
                    .when(new ReverseDealCommissionCommand(LEDGER, PARTNER, DEAL, eur(800_00), eur(250_00), "cut"))
                    .expectEventsMatching(payloads(events -> {
                        CommissionReversedEvent reversed = (CommissionReversedEvent) events.get(0);
                        assertThat(reversed.amount()).isEqualTo(eur(-20_00));
                        assertThat(reversed.entryId()).isEqualTo(PartnerLedger.entryId(LEDGER, "reversal|" + entry + "|2"));
                    }));
        }

        @Test
        void reversalOfAPaidEntryNetsAgainstPayable() {
            String entry = ((CommissionAccruedEvent) accruedHundred().get(1)).entryId();
            List<Object> history = accruedHundred();
            history.add(new CommissionReleasedEvent(LEDGER, PARTNER, entry, eur(100_00)));
            history.add(new PayoutRecordedEvent(LEDGER, PARTNER, "po-1", eur(100_00), "SEPA-1", CLOSED, List.of(entry)));
            fixture.givenCurrentTime(NOW).andGiven(history)
                    .when(new ReverseDealCommissionCommand(LEDGER, PARTNER, DEAL, eur(1_000_00), eur(500_00), "rf"))
                    .expectEventsMatching(payloads(events -> {
                        CommissionReversedEvent reversed = (CommissionReversedEvent) events.get(0);
                        assertThat(reversed.amount()).isEqualTo(eur(-50_00));
                        assertThat(reversed.from()).isEqualTo(EntryStatus.PAID);
                    }));
        }
    }

    @Nested
    class AdjustmentsAndPayouts {

        @Test
        void adjustmentNeedsAReasonAndANonZeroAmount() {
            fixture.givenCurrentTime(NOW)
                    .when(new AdjustLedgerCommand(LEDGER, PARTNER, "adj-1", eur(10_00), " "))
                    .expectException(violation("reason_required", ErrorKind.INVALID))
                    .expectNoEvents();
            setUp();
            fixture.givenCurrentTime(NOW)
                    .when(new AdjustLedgerCommand(LEDGER, PARTNER, "adj-1", eur(0), "goodwill"))
                    .expectException(violation("amount_invalid"))
                    .expectNoEvents();
        }

        @Test
        void adjustmentIsANewEntryAndIdempotent() {
            AdjustLedgerCommand adjust = new AdjustLedgerCommand(LEDGER, PARTNER, "adj-1", eur(-12_34), " goodwill ");
            fixture.givenCurrentTime(NOW)
                    .when(adjust)
                    .expectEvents(new LedgerAdjustedEvent(LEDGER, PARTNER, "adjustment-adj-1", eur(-12_34), "goodwill"));
            setUp();
            fixture.givenCurrentTime(NOW).andGivenCommands(adjust).when(adjust).expectNoEvents();
            setUp();
            fixture.givenCurrentTime(NOW).andGivenCommands(adjust)
                    .when(new AdjustLedgerCommand(LEDGER, PARTNER, "adj-1", eur(-12_35), "goodwill"))
                    .expectException(violation("idempotency_key_reused", ErrorKind.CONFLICT))
                    .expectNoEvents();
        }

        @Test
        void payoutSettlesPayableEntriesAndCannotExceedThePayableBalance() {
            String entry = ((CommissionAccruedEvent) accruedHundred().get(1)).entryId();
            List<Object> history = accruedHundred();
            history.add(new CommissionReleasedEvent(LEDGER, PARTNER, entry, eur(100_00)));
            fixture.givenCurrentTime(NOW).andGiven(history)
                    .when(new RecordPayoutCommand(LEDGER, PARTNER, "po-1", eur(100_01), "SEPA-1", CLOSED))
                    .expectException(violation("payout_exceeds_payable", ErrorKind.RULE_VIOLATED))
                    .expectNoEvents();
            setUp();
            fixture.givenCurrentTime(NOW).andGiven(history)
                    .when(new RecordPayoutCommand(LEDGER, PARTNER, "po-1", eur(100_00), " SEPA-1 ", CLOSED))
                    .expectEvents(new PayoutRecordedEvent(LEDGER, PARTNER, "po-1", eur(100_00), "SEPA-1", CLOSED,
                            List.of(entry)));
        }

        @Test
        void pendingMoneyCannotBePaidOut() {
            List<Object> history = accruedHundred();
            fixture.givenCurrentTime(NOW).andGiven(history)
                    .when(new RecordPayoutCommand(LEDGER, PARTNER, "po-1", eur(1), "SEPA-1", CLOSED))
                    .expectException(violation("payout_exceeds_payable"))
                    .expectNoEvents();
        }

        @Test
        void payoutCannotBeDatedInTheFuture() {
            fixture.givenCurrentTime(NOW)
                    .when(new RecordPayoutCommand(LEDGER, PARTNER, "po-1", eur(1), "SEPA-1", LocalDate.parse("2026-11-28")))
                    .expectException(violation("paid_on_in_future"))
                    .expectNoEvents();
        }

        @Test
        void ledgerIdMustBeThePartners() {
            fixture.givenCurrentTime(NOW)
                    .when(new AdjustLedgerCommand(LedgerIds.ofPartner(OTHER), PARTNER, "adj-1", eur(1), "x"))
                    .expectException(violation("ledger_id_invalid"))
                    .expectNoEvents();
        }
    }
}
