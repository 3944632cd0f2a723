package io.channelbook.query.ledger;

import io.channelbook.api.commission.RuleKind;
import io.channelbook.api.ledger.AccrualExplanation;
import io.channelbook.api.ledger.CommissionAccruedEvent;
import io.channelbook.api.ledger.CommissionReleasedEvent;
import io.channelbook.api.ledger.CommissionReversedEvent;
import io.channelbook.api.ledger.CurrencyBalance;
import io.channelbook.api.ledger.DealRevenueRecordedEvent;
import io.channelbook.api.ledger.EarningsSummary;
import io.channelbook.api.ledger.EntryKind;
import io.channelbook.api.ledger.EntryStatus;
import io.channelbook.api.ledger.FindEarningsSummaryQuery;
import io.channelbook.api.ledger.FindJournalQuery;
import io.channelbook.api.ledger.FindLedgerBalanceQuery;
import io.channelbook.api.ledger.FindLedgerEntriesQuery;
import io.channelbook.api.ledger.FindLedgerEntryQuery;
import io.channelbook.api.ledger.FindLedgerHistoryQuery;
import io.channelbook.api.ledger.FindLedgerStatementQuery;
import io.channelbook.api.ledger.JournalPosting;
import io.channelbook.api.ledger.LedgerAdjustedEvent;
import io.channelbook.api.ledger.LedgerBalance;
import io.channelbook.api.ledger.LedgerEntryPage;
import io.channelbook.api.ledger.LedgerEntryView;
import io.channelbook.api.ledger.LedgerHistoryPage;
import io.channelbook.api.ledger.LedgerMovement;
import io.channelbook.api.ledger.LedgerStatement;
import io.channelbook.api.ledger.MonthlyEarnings;
import io.channelbook.api.ledger.MovementType;
import io.channelbook.api.ledger.PayoutRecordedEvent;
import io.channelbook.api.money.Money;
import io.channelbook.query.infrastructure.ProcessorBatch;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.GenericQueryMessage;
import org.axonframework.queryhandling.GenericSubscriptionQueryMessage;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.axonframework.queryhandling.SubscriptionQueryUpdateMessage;
import org.axonframework.queryhandling.UpdateHandlerRegistration;
import org.axonframework.queryhandling.annotation.AnnotationQueryHandlerAdapter;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The ledger read models and queries on a real Mongo wire-protocol server (in memory), with a fixed "now". */
class LedgerProjectionTest {

    private static final Instant NOW = Instant.parse("2026-03-25T12:00:00Z");

    private static final Instant T1 = Instant.parse("2026-01-10T09:00:00Z");   // accrue e-1 EUR 1000.00
    private static final Instant T1B = Instant.parse("2026-01-15T09:00:00Z");  // accrue e-2 EUR 200.00
    private static final Instant T2 = Instant.parse("2026-02-10T00:00:00Z");   // release e-1
    private static final Instant T3 = Instant.parse("2026-02-12T10:00:00Z");   // payout po-1 EUR 1000.00 (e-1)
    private static final Instant T4 = Instant.parse("2026-03-05T10:00:00Z");   // reverse r-1 of e-1 -300.00 (paid)
    private static final Instant T4B = Instant.parse("2026-03-06T10:00:00Z");  // reverse r-2 of e-2 -50.00 (pending)
    private static final Instant T5 = Instant.parse("2026-03-10T10:00:00Z");   // adjust a-1 +500.00
    private static final Instant T5B = Instant.parse("2026-03-12T10:00:00Z");  // accrue e-3 USD 40.00
    private static final Instant T6 = Instant.parse("2026-03-15T00:00:00Z");   // release e-2 (150.00 left)
    private static final Instant T7 = Instant.parse("2026-03-20T10:00:00Z");   // payout po-2 EUR 350.00

    private static final Instant E1_PAYABLE = Instant.parse("2026-02-10T00:00:00Z");
    private static final Instant E2_PAYABLE = Instant.parse("2026-03-15T00:00:00Z");
    private static final Instant E3_PAYABLE = Instant.parse("2026-04-12T00:00:00Z");

    private InMemoryMongo mongo;
    private SimpleQueryUpdateEmitter emitter;
    private LedgerProjection projection;
    private LedgerQueryHandlers queries;
    private LedgerFeed feed;

    @BeforeEach
    void setUp() {
        mongo = new InMemoryMongo();
        emitter = SimpleQueryUpdateEmitter.builder().build();
        LedgerReadModel reads = new LedgerReadModel(mongo.template, Clock.fixed(NOW, ZoneOffset.UTC));
        projection = new LedgerProjection(mongo.template, emitter, reads);
        queries = new LedgerQueryHandlers(mongo.template, reads);
        feed = new LedgerFeed(projection);
    }

    @AfterEach
    void tearDown() {
        mongo.close();
    }

    private static Money eur(long minor) {
        return Money.ofMinor(minor, "EUR");
    }

    private static Money usd(long minor) {
        return Money.ofMinor(minor, "USD");
    }

    private static CurrencyBalance balance(String currency, long pending, long payable, long paid, long reversed,
                                           long lifetime) {
        return new CurrencyBalance(currency, Money.ofMinor(pending, currency), Money.ofMinor(payable, currency),
                Money.ofMinor(paid, currency), Money.ofMinor(reversed, currency), Money.ofMinor(lifetime, currency));
    }

    private static AccrualExplanation explanation(String text, Money base) {
        return new AccrualExplanation("plan-std", 2, "rule-pct", RuleKind.PERCENT_OF_DEAL, base,
                new BigDecimal("0.10"), null, BigDecimal.ONE, null, null, null, null, null, "HALF_EVEN", text);
    }

    private static CommissionAccruedEvent accrued(String partnerId, String entryId, String registrationId,
                                                  Money amount, Instant payableAt) {
        return new CommissionAccruedEvent("ledger-" + partnerId, partnerId, entryId, EntryKind.ACCRUAL,
                registrationId, amount, LocalDate.parse("2026-01-09"), "2026-01", payableAt,
                explanation("10% of " + amount.times(BigDecimal.TEN), amount.times(BigDecimal.TEN)),
                amount.times(BigDecimal.TEN));
    }

    /** The whole story of p-1, with another partner's accrual and a non-moving ledger event in between. */
    private Map<String, TrackedEventMessage<?>> story() {
        Map<String, TrackedEventMessage<?>> events = new HashMap<>();
        events.put("e-1", feed.publish("p-1", accrued("p-1", "e-1", "r-100", eur(100_000), E1_PAYABLE), T1, "system:commission-engine"));
        events.put("e-2", feed.publish("p-1", accrued("p-1", "e-2", "r-200", eur(20_000), E2_PAYABLE), T1B, "system:commission-engine"));
        feed.publish("p-1", new DealRevenueRecordedEvent("ledger-p-1", "p-1", "r-200", "2026-01", eur(200_000), eur(1_200_000)), T1B, "system:commission-engine");
        events.put("other", feed.publish("p-2", accrued("p-2", "x-1", "r-900", eur(7_000), E1_PAYABLE), T1B, "system:commission-engine"));
        events.put("release-1", feed.publish("p-1", new CommissionReleasedEvent("ledger-p-1", "p-1", "e-1", eur(100_000)), T2, "system:holds"));
        events.put("po-1", feed.publish("p-1", new PayoutRecordedEvent("ledger-p-1", "p-1", "po-1", eur(100_000), "SEPA-1", LocalDate.parse("2026-02-12"), List.of("e-1")), T3, "u-finance"));
        events.put("r-1", feed.publish("p-1", new CommissionReversedEvent("ledger-p-1", "p-1", "r-1", "e-1", "r-100", eur(-30_000), EntryStatus.PAID, "partial refund", "30% of the deal was refunded"), T4, "system:commission-engine"));
        events.put("r-2", feed.publish("p-1", new CommissionReversedEvent("ledger-p-1", "p-1", "r-2", "e-2", "r-200", eur(-5_000), EntryStatus.PENDING, "amount decreased", "the deal's amount went down by 25%"), T4B, "system:commission-engine"));
        events.put("a-1", feed.publish("p-1", new LedgerAdjustedEvent("ledger-p-1", "p-1", "a-1", eur(50_000), "missed co-marketing bonus"), T5, "u-finance"));
        events.put("e-3", feed.publish("p-1", accrued("p-1", "e-3", "r-300", usd(4_000), E3_PAYABLE), T5B, "system:commission-engine"));
        events.put("release-2", feed.publish("p-1", new CommissionReleasedEvent("ledger-p-1", "p-1", "e-2", eur(15_000)), T6, "system:holds"));
        events.put("po-2", feed.publish("p-1", new PayoutRecordedEvent("ledger-p-1", "p-1", "po-2", eur(35_000), "SEPA-2", LocalDate.parse("2026-03-20"), List.of("e-2", "r-1", "r-2", "a-1")), T7, "u-finance"));
        return events;
    }

    private LedgerBalance balance(String partnerId, Instant asOf) {
        return queries.handle(new FindLedgerBalanceQuery(partnerId, asOf)).join();
    }

    private LedgerEntryView entry(String entryId) {
        return queries.handle(new FindLedgerEntryQuery("p-1", entryId)).join();
    }

    @Test
    void balancesFollowAccrualReleasePayoutReversalAdjustmentAndPayout() {
        story();

        LedgerBalance current = balance("p-1", null);

        assertThat(current.partnerId()).isEqualTo("p-1");
        assertThat(current.asOf()).isEqualTo(NOW);
        assertThat(current.balances()).containsExactly(
                balance("EUR", 0, 0, 135_000, 35_000, 135_000),
                balance("USD", 4_000, 0, 0, 0, 4_000));
        assertThat(current.nextPayableAt()).isEqualTo(E3_PAYABLE);
        assertThat(balance("p-2", null).balances()).containsExactly(balance("EUR", 7_000, 0, 0, 0, 7_000));
    }

    @Test
    void balancesMoveStepByStepAndPayableMayGoNegative() {
        feed.publish("p-1", accrued("p-1", "e-1", "r-100", eur(100_000), E1_PAYABLE), T1, "system:commission-engine");
        assertThat(balance("p-1", null).balances()).containsExactly(balance("EUR", 100_000, 0, 0, 0, 100_000));
        feed.publish("p-1", new CommissionReleasedEvent("ledger-p-1", "p-1", "e-1", eur(100_000)), T2, "system:holds");
        assertThat(balance("p-1", null).balances()).containsExactly(balance("EUR", 0, 100_000, 0, 0, 100_000));
        assertThat(balance("p-1", null).nextPayableAt()).isNull();
        feed.publish("p-1", new PayoutRecordedEvent("ledger-p-1", "p-1", "po-1", eur(100_000), "SEPA-1", LocalDate.parse("2026-02-12"), List.of("e-1")), T3, "u-finance");
        assertThat(balance("p-1", null).balances()).containsExactly(balance("EUR", 0, 0, 100_000, 0, 100_000));
        feed.publish("p-1", new CommissionReversedEvent("ledger-p-1", "p-1", "r-1", "e-1", "r-100", eur(-30_000), EntryStatus.PAID, "refund", "refund"), T4, "system:commission-engine");
        assertThat(balance("p-1", null).balances()).containsExactly(balance("EUR", 0, -30_000, 100_000, 30_000, 70_000));
        feed.publish("p-1", new LedgerAdjustedEvent("ledger-p-1", "p-1", "a-1", eur(-1_000), "fee"), T5, "u-finance");
        assertThat(balance("p-1", null).balances()).containsExactly(balance("EUR", 0, -31_000, 100_000, 30_000, 69_000));
    }

    @Test
    void entriesKeepStatusOutstandingAndWhoCausedThem() {
        Map<String, TrackedEventMessage<?>> events = story();

        assertThat(entry("e-1")).satisfies(e1 -> {
            assertThat(e1.kind()).isEqualTo(EntryKind.ACCRUAL);
            assertThat(e1.status()).isEqualTo(EntryStatus.PAID);
            assertThat(e1.amount()).isEqualTo(eur(100_000));
            assertThat(e1.outstanding()).isEqualTo(eur(70_000));
            assertThat(e1.registrationId()).isEqualTo("r-100");
            assertThat(e1.recordedAt()).isEqualTo(T1);
            assertThat(e1.payableAt()).isEqualTo(E1_PAYABLE);
            assertThat(e1.period()).isEqualTo("2026-01");
            assertThat(e1.earnedOn()).isEqualTo(LocalDate.parse("2026-01-09"));
            assertThat(e1.explanation().planId()).isEqualTo("plan-std");
            assertThat(e1.explanation().rate()).isEqualByComparingTo("0.10");
            assertThat(e1.text()).isEqualTo(e1.explanation().text());
            assertThat(e1.actorId()).isEqualTo("system:commission-engine");
            assertThat(e1.eventId()).isEqualTo(events.get("e-1").getIdentifier());
            assertThat(e1.causationId()).isEqualTo("cmd-" + events.get("e-1").getIdentifier());
            assertThat(e1.correlationId()).isEqualTo("req-" + events.get("e-1").getIdentifier());
        });
        assertThat(entry("e-2")).extracting(LedgerEntryView::status, LedgerEntryView::outstanding)
                .containsExactly(EntryStatus.PAID, eur(15_000));
        assertThat(entry("r-1")).satisfies(r1 -> {
            assertThat(r1.kind()).isEqualTo(EntryKind.REVERSAL);
            assertThat(r1.status()).isEqualTo(EntryStatus.PAID);
            assertThat(r1.amount()).isEqualTo(eur(-30_000));
            assertThat(r1.reversedEntryId()).isEqualTo("e-1");
            assertThat(r1.registrationId()).isEqualTo("r-100");
            assertThat(r1.reason()).isEqualTo("partial refund");
            assertThat(r1.text()).isEqualTo("30% of the deal was refunded");
        });
        assertThat(entry("a-1")).satisfies(a1 -> {
            assertThat(a1.kind()).isEqualTo(EntryKind.ADJUSTMENT);
            assertThat(a1.status()).isEqualTo(EntryStatus.PAID);
            assertThat(a1.reason()).isEqualTo("missed co-marketing bonus");
            assertThat(a1.actorId()).isEqualTo("u-finance");
        });
        assertThat(entry("e-3")).extracting(LedgerEntryView::status, LedgerEntryView::outstanding)
                .containsExactly(EntryStatus.PENDING, usd(4_000));
        // another partner's entry is not found through p-1, nor an unknown one
        assertThat(queries.handle(new FindLedgerEntryQuery("p-1", "x-1")).join()).isNull();
        assertThat(entry("nope")).isNull();
    }

    @Test
    void reversalStatusFollowsTheBalanceItIsNettedIn() {
        feed.publish("p-1", accrued("p-1", "e-1", "r-100", eur(100_000), E1_PAYABLE), T1, "system:commission-engine");
        feed.publish("p-1", accrued("p-1", "e-2", "r-200", eur(20_000), E2_PAYABLE), T1B, "system:commission-engine");
        feed.publish("p-1", new CommissionReleasedEvent("ledger-p-1", "p-1", "e-1", eur(100_000)), T2, "system:holds");
        feed.publish("p-1", new CommissionReversedEvent("ledger-p-1", "p-1", "r-1", "e-1", "r-100", eur(-30_000), EntryStatus.PAYABLE, "refund", "t"), T4, "system:commission-engine");
        feed.publish("p-1", new CommissionReversedEvent("ledger-p-1", "p-1", "r-2", "e-2", "r-200", eur(-5_000), EntryStatus.PENDING, "decrease", "t"), T4B, "system:commission-engine");

        assertThat(entry("r-1").status()).isEqualTo(EntryStatus.PAYABLE);
        assertThat(entry("r-2").status()).isEqualTo(EntryStatus.PENDING);
        assertThat(entry("e-1")).extracting(LedgerEntryView::status, LedgerEntryView::outstanding)
                .containsExactly(EntryStatus.PAYABLE, eur(70_000));
        assertThat(entry("e-2")).extracting(LedgerEntryView::status, LedgerEntryView::outstanding)
                .containsExactly(EntryStatus.PENDING, eur(15_000));

        feed.publish("p-1", new CommissionReleasedEvent("ledger-p-1", "p-1", "e-2", eur(15_000)), T6, "system:holds");

        assertThat(entry("e-2").status()).isEqualTo(EntryStatus.PAYABLE);
        assertThat(entry("r-2").status()).isEqualTo(EntryStatus.PAYABLE);
    }

    @Test
    void balancesAsOfPastInstants() {
        story();

        assertThat(balance("p-1", T1.minusSeconds(1)).balances()).isEmpty();
        assertThat(balance("p-1", T1.minusSeconds(1)).nextPayableAt()).isNull();
        LedgerBalance atFirstAccrual = balance("p-1", T1); // inclusive
        assertThat(atFirstAccrual.asOf()).isEqualTo(T1);
        assertThat(atFirstAccrual.balances()).containsExactly(balance("EUR", 100_000, 0, 0, 0, 100_000));
        assertThat(atFirstAccrual.nextPayableAt()).isEqualTo(E1_PAYABLE);
        LedgerBalance beforeRelease = balance("p-1", T2.minusSeconds(1));
        assertThat(beforeRelease.balances()).containsExactly(balance("EUR", 120_000, 0, 0, 0, 120_000));
        assertThat(beforeRelease.nextPayableAt()).isEqualTo(E1_PAYABLE);
        LedgerBalance afterPayout = balance("p-1", T3);
        assertThat(afterPayout.balances()).containsExactly(balance("EUR", 20_000, 0, 100_000, 0, 120_000));
        assertThat(afterPayout.nextPayableAt()).isEqualTo(E2_PAYABLE);
        LedgerBalance afterReversals = balance("p-1", T4B);
        assertThat(afterReversals.balances()).containsExactly(balance("EUR", 15_000, -30_000, 100_000, 35_000, 85_000));
        assertThat(afterReversals.nextPayableAt()).isEqualTo(E2_PAYABLE);
        LedgerBalance afterSecondRelease = balance("p-1", T6);
        assertThat(afterSecondRelease.balances()).containsExactly(
                balance("EUR", 0, 35_000, 100_000, 35_000, 135_000),
                balance("USD", 4_000, 0, 0, 0, 4_000));
        assertThat(afterSecondRelease.nextPayableAt()).isEqualTo(E3_PAYABLE);
        // as of now, the movements give what the current balance document holds
        assertThat(balance("p-1", NOW).balances()).isEqualTo(balance("p-1", null).balances());
        assertThat(balance("p-1", NOW).nextPayableAt()).isEqualTo(balance("p-1", null).nextPayableAt());
    }

    @Test
    void statementOpensAtFromAndClosesWithItsMovements() {
        Map<String, TrackedEventMessage<?>> events = story();
        Instant from = Instant.parse("2026-03-01T00:00:00Z");
        Instant to = T6.plusSeconds(1);

        LedgerStatement statement = queries.handle(new FindLedgerStatementQuery("p-1", from, to)).join();

        assertThat(statement.partnerId()).isEqualTo("p-1");
        assertThat(statement.from()).isEqualTo(from);
        assertThat(statement.to()).isEqualTo(to);
        assertThat(statement.opening()).containsExactly(
                balance("EUR", 20_000, 0, 100_000, 0, 120_000),
                balance("USD", 0, 0, 0, 0, 0));
        assertThat(statement.movements()).extracting(LedgerMovement::eventId).containsExactly(
                events.get("r-1").getIdentifier(), events.get("r-2").getIdentifier(), events.get("a-1").getIdentifier(),
                events.get("e-3").getIdentifier(), events.get("release-2").getIdentifier());
        assertThat(statement.movements()).extracting(LedgerMovement::type).containsExactly(MovementType.REVERSED,
                MovementType.REVERSED, MovementType.ADJUSTED, MovementType.ACCRUED, MovementType.RELEASED);
        assertThat(statement.closing()).containsExactly(
                balance("EUR", 0, 35_000, 100_000, 35_000, 135_000),
                balance("USD", 4_000, 0, 0, 0, 4_000));
        // closing = opening + the movements' deltas, per currency
        for (CurrencyBalance closing : statement.closing()) {
            CurrencyBalance opening = statement.opening().stream()
                    .filter(line -> line.currency().equals(closing.currency())).findFirst().orElseThrow();
            List<LedgerMovement> own = statement.movements().stream()
                    .filter(movement -> movement.amount().currency().getCurrencyCode().equals(closing.currency()))
                    .toList();
            assertThat(closing.pending()).isEqualTo(own.stream().map(LedgerMovement::pendingDelta).reduce(opening.pending(), Money::plus));
            assertThat(closing.payable()).isEqualTo(own.stream().map(LedgerMovement::payableDelta).reduce(opening.payable(), Money::plus));
            assertThat(closing.paid()).isEqualTo(own.stream().map(LedgerMovement::paidDelta).reduce(opening.paid(), Money::plus));
        }
        // a movement exactly at "to" belongs to the next statement, one exactly at "from" to this one
        LedgerStatement next = queries.handle(new FindLedgerStatementQuery("p-1", T6, T7)).join();
        assertThat(next.movements()).extracting(LedgerMovement::type).containsExactly(MovementType.RELEASED);
        assertThat(next.opening()).containsExactly(balance("EUR", 15_000, 20_000, 100_000, 35_000, 135_000),
                balance("USD", 4_000, 0, 0, 0, 4_000));
    }

    @Test
    void movementsCarryDeltasAndWhoWhy() {
        Map<String, TrackedEventMessage<?>> events = story();

        LedgerHistoryPage history = queries.handle(new FindLedgerHistoryQuery("p-1", null, null, null, null, null, 0, 100)).join();

        assertThat(history.total()).isEqualTo(10);
        assertThat(history.movements()).extracting(LedgerMovement::entryId, LedgerMovement::type,
                        movement -> movement.pendingDelta().amountMinor(), movement -> movement.payableDelta().amountMinor(),
                        movement -> movement.paidDelta().amountMinor())
                .containsExactly(
                        tuple("e-1", MovementType.ACCRUED, 100_000L, 0L, 0L),
                        tuple("e-2", MovementType.ACCRUED, 20_000L, 0L, 0L),
                        tuple("e-1", MovementType.RELEASED, -100_000L, 100_000L, 0L),
                        tuple("po-1", MovementType.PAID, 0L, -100_000L, 100_000L),
                        tuple("r-1", MovementType.REVERSED, 0L, -30_000L, 0L),
                        tuple("r-2", MovementType.REVERSED, -5_000L, 0L, 0L),
                        tuple("a-1", MovementType.ADJUSTED, 0L, 50_000L, 0L),
                        tuple("e-3", MovementType.ACCRUED, 4_000L, 0L, 0L),
                        tuple("e-2", MovementType.RELEASED, -15_000L, 15_000L, 0L),
                        tuple("po-2", MovementType.PAID, 0L, -35_000L, 35_000L));
        LedgerMovement reversal = history.movements().get(4);
        TrackedEventMessage<?> reversalEvent = events.get("r-1");
        assertThat(reversal.eventId()).isEqualTo(reversalEvent.getIdentifier());
        assertThat(reversal.sequence()).isEqualTo(reversalEvent.trackingToken().position().getAsLong());
        assertThat(reversal.recordedAt()).isEqualTo(T4);
        assertThat(reversal.partnerId()).isEqualTo("p-1");
        assertThat(reversal.entryKind()).isEqualTo(EntryKind.REVERSAL);
        assertThat(reversal.registrationId()).isEqualTo("r-100");
        assertThat(reversal.amount()).isEqualTo(eur(-30_000));
        assertThat(reversal.reason()).isEqualTo("partial refund");
        assertThat(reversal.text()).isEqualTo("30% of the deal was refunded");
        assertThat(reversal.actorId()).isEqualTo("system:commission-engine");
        assertThat(reversal.actorRole()).isEqualTo("SYSTEM");
        assertThat(reversal.causationId()).isEqualTo("cmd-" + reversalEvent.getIdentifier());
        assertThat(reversal.correlationId()).isEqualTo("req-" + reversalEvent.getIdentifier());
        LedgerMovement release = history.movements().get(2);
        assertThat(release.entryKind()).isEqualTo(EntryKind.ACCRUAL);
        assertThat(release.registrationId()).isEqualTo("r-100");
        assertThat(history.movements()).extracting(LedgerMovement::sequence).isSorted();
    }

    @Test
    void movementsAreKeyedByTheirEventsGlobalPositionInAppendOrderAndOlderOnesByTheirEventId() {
        Map<String, TrackedEventMessage<?>> events = story();

        List<Document> movements = mongo.all("ledger_movements");
        assertThat(movements).hasSize(11);
        for (Document movement : movements) {
            assertThat(movement.getString("_id")).hasSize(19)
                    .isEqualTo(String.format("%019d", movement.getLong("sequence")));
        }
        // a key's text order is its position's order
        assertThat(movements).extracting(movement -> movement.getString("_id")).isSortedAccordingTo(String::compareTo)
                .isEqualTo(movements.stream().sorted(java.util.Comparator.comparingLong(m -> m.getLong("sequence")))
                        .map(movement -> movement.getString("_id")).toList());
        TrackedEventMessage<?> payout = events.get("po-1");
        Document payoutMovement = mongo.template.findById(
                String.format("%019d", payout.trackingToken().position().getAsLong()), Document.class,
                "ledger_movements").block();
        assertThat(payoutMovement.getString("eventId")).isEqualTo(payout.getIdentifier());

        // a movement from before: keyed by its event's identifier, without an eventId field
        mongo.template.remove(payoutMovement, "ledger_movements").block();
        payoutMovement.put("_id", payout.getIdentifier());
        payoutMovement.remove("eventId");
        mongo.template.insert(payoutMovement, "ledger_movements").block();

        LedgerHistoryPage history = queries.handle(new FindLedgerHistoryQuery("p-1", null, null, null, null, null, 0, 100)).join();
        assertThat(history.movements()).extracting(LedgerMovement::eventId)
                .contains(payout.getIdentifier(), events.get("e-1").getIdentifier());
        assertThat(history.movements().get(3).eventId()).isEqualTo(payout.getIdentifier());
    }

    @Test
    void historySpansPartnersAndFiltersAndPages() {
        story();

        LedgerHistoryPage all = queries.handle(new FindLedgerHistoryQuery(null, null, null, null, null, null, 0, 4)).join();
        assertThat(all.total()).isEqualTo(11);
        assertThat(all.page()).isZero();
        assertThat(all.size()).isEqualTo(4);
        assertThat(all.movements()).extracting(LedgerMovement::partnerId, LedgerMovement::entryId)
                .containsExactly(tuple("p-1", "e-1"), tuple("p-1", "e-2"), tuple("p-2", "x-1"), tuple("p-1", "e-1"));
        LedgerHistoryPage last = queries.handle(new FindLedgerHistoryQuery(null, null, null, null, null, null, 2, 4)).join();
        assertThat(last.movements()).extracting(LedgerMovement::entryId).containsExactly("e-3", "e-2", "po-2");

        assertThat(queries.handle(new FindLedgerHistoryQuery(null, MovementType.PAID, null, null, null, null, 0, 10)).join()
                .movements()).extracting(LedgerMovement::entryId).containsExactly("po-1", "po-2");
        assertThat(queries.handle(new FindLedgerHistoryQuery(null, null, "u-finance", null, null, null, 0, 10)).join()
                .movements()).extracting(LedgerMovement::entryId).containsExactly("po-1", "a-1", "po-2");
        assertThat(queries.handle(new FindLedgerHistoryQuery(null, null, null, "r-100", null, null, 0, 10)).join()
                .movements()).extracting(LedgerMovement::entryId, LedgerMovement::type)
                .containsExactly(tuple("e-1", MovementType.ACCRUED), tuple("e-1", MovementType.RELEASED),
                        tuple("r-1", MovementType.REVERSED));
        assertThat(queries.handle(new FindLedgerHistoryQuery("p-2", null, null, null, null, null, 0, 10)).join()
                .movements()).extracting(LedgerMovement::entryId).containsExactly("x-1");
        assertThat(queries.handle(new FindLedgerHistoryQuery(null, null, null, null, T4, T5, 0, 10)).join()
                .movements()).extracting(LedgerMovement::entryId).containsExactly("r-1", "r-2");
    }

    @Test
    void entriesAreListedNewestFirstFilteredAndPaged() {
        story();

        LedgerEntryPage first = queries.handle(new FindLedgerEntriesQuery("p-1", null, null, null, 0, 4)).join();
        assertThat(first.total()).isEqualTo(6);
        assertThat(first.entries()).extracting(LedgerEntryView::entryId).containsExactly("e-3", "a-1", "r-2", "r-1");
        LedgerEntryPage second = queries.handle(new FindLedgerEntriesQuery("p-1", null, null, null, 1, 4)).join();
        assertThat(second.entries()).extracting(LedgerEntryView::entryId).containsExactly("e-2", "e-1");
        assertThat(second.page()).isEqualTo(1);
        assertThat(second.size()).isEqualTo(4);

        LedgerEntryPage reversals = queries.handle(new FindLedgerEntriesQuery("p-1", null, null, EntryKind.REVERSAL, 0, 10)).join();
        assertThat(reversals.entries()).extracting(LedgerEntryView::entryId).containsExactly("r-2", "r-1");
        assertThat(reversals.total()).isEqualTo(2);
        LedgerEntryPage march = queries.handle(new FindLedgerEntriesQuery("p-1", Instant.parse("2026-03-01T00:00:00Z"), T5B, null, 0, 10)).join();
        assertThat(march.entries()).extracting(LedgerEntryView::entryId).containsExactly("a-1", "r-2", "r-1");
        assertThat(queries.handle(new FindLedgerEntriesQuery("nobody", null, null, null, 0, 10)).join())
                .isEqualTo(new LedgerEntryPage(List.of(), 0, 0, 10));
    }

    @Test
    void journalBalancesEveryMovementWithNonNegativeLines() {
        Map<String, TrackedEventMessage<?>> events = story();

        List<JournalPosting> journal = queries.handle(new FindJournalQuery("p-1", null, null)).join();

        assertThat(journal).hasSize(20);
        assertThat(journal).allSatisfy(posting -> {
            assertThat(posting.debit().signum()).isNotNegative();
            assertThat(posting.credit().signum()).isNotNegative();
            assertThat(posting.debit().signum() == 0 || posting.credit().signum() == 0).isTrue();
        });
        Map<String, List<JournalPosting>> byEvent = journal.stream()
                .collect(Collectors.groupingBy(JournalPosting::eventId));
        assertThat(byEvent).hasSize(10);
        byEvent.values().forEach(lines -> assertThat(lines.stream().map(JournalPosting::debit).reduce(Money::plus))
                .isEqualTo(lines.stream().map(JournalPosting::credit).reduce(Money::plus)));

        assertThat(lines(byEvent, events.get("e-1"))).containsExactly(
                tuple("commission-expense", 100_000L, 0L), tuple("partner-payable-pending", 0L, 100_000L));
        assertThat(lines(byEvent, events.get("release-1"))).containsExactly(
                tuple("partner-payable-pending", 100_000L, 0L), tuple("partner-payable", 0L, 100_000L));
        assertThat(lines(byEvent, events.get("po-1"))).containsExactly(
                tuple("partner-payable", 100_000L, 0L), tuple("cash", 0L, 100_000L));
        assertThat(lines(byEvent, events.get("r-1"))).containsExactly(
                tuple("partner-payable", 30_000L, 0L), tuple("commission-expense", 0L, 30_000L));
        assertThat(lines(byEvent, events.get("r-2"))).containsExactly(
                tuple("partner-payable-pending", 5_000L, 0L), tuple("commission-expense", 0L, 5_000L));
        assertThat(lines(byEvent, events.get("a-1"))).containsExactly(
                tuple("commission-expense", 50_000L, 0L), tuple("partner-payable", 0L, 50_000L));
        JournalPosting first = byEvent.get(events.get("e-1").getIdentifier()).get(0);
        assertThat(first.partnerId()).isEqualTo("p-1");
        assertThat(first.recordedAt()).isEqualTo(T1);
        assertThat(first.memo()).contains("ACCRUED", "e-1", "r-100");

        // all partners, [from, to)
        assertThat(queries.handle(new FindJournalQuery(null, null, null)).join()).hasSize(22);
        assertThat(queries.handle(new FindJournalQuery(null, T4, T5)).join())
                .extracting(JournalPosting::eventId).containsOnly(events.get("r-1").getIdentifier(), events.get("r-2").getIdentifier());
    }

    @Test
    void negativeAdjustmentSwapsTheJournalSides() {
        TrackedEventMessage<?> fee = feed.publish("p-1", new LedgerAdjustedEvent("ledger-p-1", "p-1", "a-9", eur(-2_500), "bank fee"), T5, "u-finance");

        assertThat(lines(queries.handle(new FindJournalQuery("p-1", null, null)).join().stream()
                .collect(Collectors.groupingBy(JournalPosting::eventId)), fee)).containsExactly(
                tuple("partner-payable", 2_500L, 0L), tuple("commission-expense", 0L, 2_500L));
    }

    private static List<org.assertj.core.groups.Tuple> lines(Map<String, List<JournalPosting>> byEvent,
                                                              TrackedEventMessage<?> event) {
        return byEvent.get(event.getIdentifier()).stream()
                .map(posting -> tuple(posting.account(), posting.debit().amountMinor(), posting.credit().amountMinor()))
                .toList();
    }

    @Test
    void monthlyEarningsCountAccrualsReversalsAndAdjustmentsInTheirUtcMonth() {
        story();
        // one minute before February in UTC, a minute after in Berlin: it counts for January
        feed.publish("p-1", accrued("p-1", "e-4", "r-400", eur(1_000), E3_PAYABLE), Instant.parse("2026-01-31T23:59:00Z"), "system:commission-engine");

        EarningsSummary summary = queries.handle(new FindEarningsSummaryQuery("p-1")).join();

        assertThat(summary.monthly()).containsExactly(
                new MonthlyEarnings("2026-01", eur(121_000)),
                new MonthlyEarnings("2026-03", eur(15_000)),
                new MonthlyEarnings("2026-03", usd(4_000)));
    }

    @Test
    void monthlyEarningsShowTheLastTwelveMonthsOnly() {
        feed.publish("p-1", accrued("p-1", "old", "r-1", eur(1_000), E1_PAYABLE), Instant.parse("2025-03-31T23:59:59Z"), "system:commission-engine");
        feed.publish("p-1", accrued("p-1", "edge", "r-2", eur(2_000), E1_PAYABLE), Instant.parse("2025-04-01T00:00:00Z"), "system:commission-engine");

        assertThat(queries.handle(new FindEarningsSummaryQuery("p-1")).join().monthly())
                .containsExactly(new MonthlyEarnings("2025-04", eur(2_000)));
    }

    @Test
    void earningsSummaryHasBalancesNextPayableMonthsAndRecentEntries() {
        Map<String, TrackedEventMessage<?>> events = story();
        for (int i = 0; i < 6; i++) {
            feed.publish("p-1", new LedgerAdjustedEvent("ledger-p-1", "p-1", "adj-" + i, eur(100), "bonus " + i), T7.plusSeconds(i + 1), "u-finance");
        }

        EarningsSummary summary = queries.handle(new FindEarningsSummaryQuery("p-1")).join();

        assertThat(summary.partnerId()).isEqualTo("p-1");
        assertThat(summary.balances()).containsExactly(
                balance("EUR", 0, 600, 135_000, 35_000, 135_600),
                balance("USD", 4_000, 0, 0, 0, 4_000));
        assertThat(summary.nextPayableAt()).isEqualTo(E3_PAYABLE);
        assertThat(summary.recent()).extracting(LedgerEntryView::entryId).containsExactly(
                "adj-5", "adj-4", "adj-3", "adj-2", "adj-1", "adj-0", "e-3", "a-1", "r-2", "r-1");
        assertThat(summary.recent().get(7).status()).isEqualTo(EntryStatus.PAID);
        // the ledger stream's sequence number of the last event: deterministic, unlike the stream position it arrived at
        TrackedEventMessage<?> last = feed.published().get(feed.published().size() - 1);
        assertThat(summary.version()).isEqualTo(((DomainEventMessage<?>) last).getSequenceNumber());
        assertThat(summary.version()).isGreaterThan(((DomainEventMessage<?>) events.get("po-2")).getSequenceNumber());
    }

    @Test
    void unknownPartnerGetsEmptyAnswersNeverNull() {
        story();

        assertThat(queries.handle(new FindEarningsSummaryQuery("nobody")).join())
                .isEqualTo(new EarningsSummary("nobody", List.of(), null, List.of(), List.of(), -1));
        assertThat(balance("nobody", null)).isEqualTo(new LedgerBalance("nobody", NOW, List.of(), null));
        assertThat(balance("nobody", T7)).isEqualTo(new LedgerBalance("nobody", T7, List.of(), null));
        assertThat(queries.handle(new FindLedgerStatementQuery("nobody", T1, T7)).join())
                .isEqualTo(new LedgerStatement("nobody", T1, T7, List.of(), List.of(), List.of()));
        assertThat(queries.handle(new FindJournalQuery("nobody", null, null)).join()).isEmpty();
        assertThat(queries.handle(new FindLedgerHistoryQuery("nobody", null, null, null, null, null, 0, 10)).join())
                .isEqualTo(new LedgerHistoryPage(List.of(), 0, 0, 10));
    }

    @Test
    void redeliveryOfEveryEventChangesNothing() {
        story();
        Map<String, List<Document>> before = snapshot();
        EarningsSummary summaryBefore = queries.handle(new FindEarningsSummaryQuery("p-1")).join();

        feed.redeliverAll();
        // and once more in reverse order, as a worst case
        List<TrackedEventMessage<?>> reversed = new java.util.ArrayList<>(feed.published());
        java.util.Collections.reverse(reversed);
        reversed.forEach(feed::deliver);

        assertThat(snapshot()).isEqualTo(before);
        assertThat(queries.handle(new FindEarningsSummaryQuery("p-1")).join()).isEqualTo(summaryBefore);
        assertThat(balance("p-1", null).balances()).containsExactly(
                balance("EUR", 0, 0, 135_000, 35_000, 135_000),
                balance("USD", 4_000, 0, 0, 0, 4_000));
    }

    @Test
    void aRedeliveryAfterACrashFinishesTheWritesThatWereMissing() {
        story();
        Map<String, List<Document>> complete = snapshot();
        TrackedEventMessage<?> last = feed.published().get(feed.published().size() - 1);
        // the crash: the payout's movement and one entry were written, the other entries and the balances were not
        Document balances = mongo.all(LedgerFixtures.balancesCollection()).stream()
                .filter(document -> "p-1".equals(document.get("_id"))).findFirst().orElseThrow();
        @SuppressWarnings("unchecked")
        List<Document> lines = (List<Document>) balances.get("currencies");
        Document eurLine = lines.get(0);
        eurLine.put("payable", 35_000L);
        eurLine.put("paid", 100_000L);
        balances.put("lastSequence", balances.getLong("lastSequence") - 1);
        mongo.template.save(balances, LedgerFixtures.balancesCollection()).block();
        for (String entryId : List.of("r-1", "r-2", "a-1")) {
            Document entry = mongo.template.findById(entryId, Document.class, "ledger_entries").block();
            entry.put("status", "PAYABLE");
            entry.put("lastSequence", entry.getLong("lastSequence") - 1);
            mongo.template.save(entry, "ledger_entries").block();
        }

        feed.deliver(last);

        Map<String, List<Document>> recovered = snapshot();
        assertThat(recovered.get("ledger_entries")).isEqualTo(complete.get("ledger_entries"));
        assertThat(recovered.get("ledger_movements")).isEqualTo(complete.get("ledger_movements"));
        assertThat(balance("p-1", null).balances()).containsExactly(
                balance("EUR", 0, 0, 135_000, 35_000, 135_000),
                balance("USD", 4_000, 0, 0, 0, 4_000));
    }

    @Test
    void everyAppliedEventPushesThePartnersFreshSummary() {
        UpdateHandlerRegistration<Object> p1 = subscribe("p-1");
        UpdateHandlerRegistration<Object> p2 = subscribe("p-2");

        story();
        feed.redeliverAll(); // nothing changes: nothing is pushed
        emitter.complete(FindEarningsSummaryQuery.class, query -> true);

        List<EarningsSummary> toP1 = updates(p1);
        List<EarningsSummary> toP2 = updates(p2);
        assertThat(toP1).hasSize(10).allSatisfy(summary -> assertThat(summary.partnerId()).isEqualTo("p-1"));
        assertThat(toP1).extracting(EarningsSummary::version).isSorted().doesNotHaveDuplicates();
        assertThat(toP1.get(0).balances()).containsExactly(balance("EUR", 100_000, 0, 0, 0, 100_000));
        assertThat(toP1.get(9)).isEqualTo(queries.handle(new FindEarningsSummaryQuery("p-1")).join());
        assertThat(toP2).singleElement().satisfies(summary ->
                assertThat(summary.balances()).containsExactly(balance("EUR", 7_000, 0, 0, 0, 7_000)));
    }

    @Test
    void theSummaryABalanceCarriesIsTheOneItsMonthAndEntryDocumentsGiveAndOlderBalancesAreStillRead() {
        story();
        Map<String, EarningsSummary> carried = new HashMap<>();
        for (String partner : List.of("p-1", "p-2")) {
            carried.put(partner, queries.handle(new FindEarningsSummaryQuery(partner)).join());
        }
        assertThat(carried.get("p-1").monthly()).hasSize(3);
        assertThat(carried.get("p-1").recent()).hasSize(6);

        // balances written before they carried their summary: no months, no copies of the recent entries
        mongo.template.updateMulti(new org.springframework.data.mongodb.core.query.Query(),
                new org.springframework.data.mongodb.core.query.Update().unset("months").unset("recentEntries"),
                LedgerBalanceDocument.class).block();
        for (String partner : List.of("p-1", "p-2")) {
            assertThat(queries.handle(new FindEarningsSummaryQuery(partner)).join()).as(partner)
                    .isEqualTo(carried.get(partner));
        }

        // such a balance keeps being read from the documents as events arrive, and a rebuild makes it carry again
        feed.publish("p-1", accrued("p-1", "e-4", "r-400", eur(9_000), E3_PAYABLE), T7.plusSeconds(60),
                "system:commission-engine");
        EarningsSummary read = queries.handle(new FindEarningsSummaryQuery("p-1")).join();
        assertThat(read.recent().get(0).entryId()).isEqualTo("e-4");
        feed.reset();
        feed.redeliverAll();
        assertThat(queries.handle(new FindEarningsSummaryQuery("p-1")).join()).isEqualTo(read);
    }

    @Test
    void summaryIsReadOnlyForPartnersSomeoneSubscribesTo() {
        List<String> summariesRead = new java.util.concurrent.CopyOnWriteArrayList<>();
        LedgerReadModel countingReads = new LedgerReadModel(mongo.template, Clock.fixed(NOW, ZoneOffset.UTC)) {
            @Override
            reactor.core.publisher.Mono<List<EarningsSummary>> summaries(List<LedgerBalanceDocument> balances) {
                balances.forEach(balance -> summariesRead.add(balance.id()));
                return super.summaries(balances);
            }
        };
        feed = new LedgerFeed(new LedgerProjection(mongo.template, emitter, countingReads));
        UpdateHandlerRegistration<Object> p2 = subscribe("p-2");

        story();
        emitter.complete(FindEarningsSummaryQuery.class, query -> true);

        assertThat(summariesRead).containsOnly("p-2");
        assertThat(updates(p2)).singleElement().satisfies(summary ->
                assertThat(summary.balances()).containsExactly(balance("EUR", 7_000, 0, 0, 0, 7_000)));
    }

    @Test
    void subscriptionQueryThroughAQueryBusGetsTheSummaryAndItsUpdates() {
        SimpleQueryBus bus = SimpleQueryBus.builder().queryUpdateEmitter(emitter).build();
        new AnnotationQueryHandlerAdapter<>(queries).subscribe(bus);
        feed.publish("p-1", accrued("p-1", "e-1", "r-100", eur(100_000), E1_PAYABLE), T1, "system:commission-engine");

        SubscriptionQueryResult<org.axonframework.queryhandling.QueryResponseMessage<EarningsSummary>, SubscriptionQueryUpdateMessage<EarningsSummary>> result =
                bus.subscriptionQuery(new GenericSubscriptionQueryMessage<>(new FindEarningsSummaryQuery("p-1"),
                        ResponseTypes.instanceOf(EarningsSummary.class), ResponseTypes.instanceOf(EarningsSummary.class)));
        // the initial result is read when asked for, as the ui does first
        EarningsSummary initial = result.initialResult().block(Duration.ofSeconds(5)).getPayload();
        feed.publish("p-1", new CommissionReleasedEvent("ledger-p-1", "p-1", "e-1", eur(100_000)), T2, "system:holds");
        feed.publish("p-2", accrued("p-2", "x-1", "r-900", eur(7_000), E1_PAYABLE), T2, "system:commission-engine");
        emitter.complete(FindEarningsSummaryQuery.class, query -> true);

        List<EarningsSummary> updates = result.updates().map(SubscriptionQueryUpdateMessage::getPayload)
                .collectList().block(Duration.ofSeconds(5));
        assertThat(initial.balances()).containsExactly(balance("EUR", 100_000, 0, 0, 0, 100_000));
        assertThat(updates).singleElement().satisfies(update ->
                assertThat(update.balances()).containsExactly(balance("EUR", 0, 100_000, 0, 0, 100_000)));
    }

    @Test
    void queriesAnswerOverAQueryBusWithTheDocumentedResponseTypes() {
        SimpleQueryBus bus = SimpleQueryBus.builder().queryUpdateEmitter(emitter).build();
        new AnnotationQueryHandlerAdapter<>(queries).subscribe(bus);
        story();

        assertThat(bus.query(new GenericQueryMessage<>(new FindJournalQuery("p-1", null, null),
                ResponseTypes.multipleInstancesOf(JournalPosting.class))).join().getPayload()).hasSize(20);
        assertThat(bus.query(new GenericQueryMessage<>(new FindLedgerEntryQuery("p-1", "e-1"),
                ResponseTypes.instanceOf(LedgerEntryView.class))).join().getPayload().entryId()).isEqualTo("e-1");
        assertThat(bus.query(new GenericQueryMessage<>(new FindLedgerEntryQuery("p-1", "nope"),
                ResponseTypes.instanceOf(LedgerEntryView.class))).join().getPayload()).isNull();
        assertThat(bus.query(new GenericQueryMessage<>(new FindLedgerEntryQuery("p-1", "e-1"),
                ResponseTypes.optionalInstanceOf(LedgerEntryView.class))).join().getPayload()).isPresent();
        assertThat(bus.query(new GenericQueryMessage<>(new FindLedgerBalanceQuery("p-1", T3),
                ResponseTypes.instanceOf(LedgerBalance.class))).join().getPayload().balances()).hasSize(1);
        assertThat(bus.query(new GenericQueryMessage<>(new FindLedgerStatementQuery("p-1", T1, T7),
                ResponseTypes.instanceOf(LedgerStatement.class))).join().getPayload().movements()).hasSize(9);
        assertThat(bus.query(new GenericQueryMessage<>(new FindLedgerEntriesQuery("p-1", null, null, null, 0, 2),
                ResponseTypes.instanceOf(LedgerEntryPage.class))).join().getPayload().entries()).hasSize(2);
        assertThat(bus.query(new GenericQueryMessage<>(new FindLedgerHistoryQuery(null, null, null, null, null, null, 0, 2),
                ResponseTypes.instanceOf(LedgerHistoryPage.class))).join().getPayload().total()).isEqualTo(11);
    }

    @Test
    void resetEmptiesEveryLedgerCollectionAndAReplayRebuildsThemIdentically() {
        story();
        Map<String, List<Document>> before = snapshot();

        feed.reset();
        assertThat(snapshot().values()).allSatisfy(documents -> assertThat(documents).isEmpty());
        assertThat(queries.handle(new FindEarningsSummaryQuery("p-1")).join().balances()).isEmpty();

        feed.redeliverAll();
        assertThat(snapshot()).isEqualTo(before);
    }

    /**
     * Live, an event that fills a gap in the global sequence (commits interleaved) arrives with the stream position
     * the processor had already reached; a rebuild sees no gap and delivers it with its own. The summary must not
     * depend on that.
     */
    @Test
    void summaryIsTheSameAfterARebuildWhenALiveEventArrivedWithALaterStreamPosition() {
        feed.publish("p-1", accrued("p-1", "a-1", "r-1", eur(1_000), E1_PAYABLE), T1, "system:commission-engine");
        TrackedEventMessage<?> gapFiller = feed.message("p-1", accrued("p-1", "a-2", "r-2", eur(2_000), E1_PAYABLE),
                T1.plusSeconds(1), "system:commission-engine");
        long reached = gapFiller.trackingToken().position().getAsLong() + 7;
        feed.deliver(new GenericTrackedDomainEventMessage<>(new GlobalSequenceTrackingToken(reached),
                (DomainEventMessage<?>) gapFiller));
        EarningsSummary live = queries.handle(new FindEarningsSummaryQuery("p-1")).join();

        feed.reset();
        feed.redeliverAll();

        assertThat(queries.handle(new FindEarningsSummaryQuery("p-1")).join()).isEqualTo(live);
    }

    @Test
    void aProcessorsBatchIsWrittenOnceAfterItsLastEventWithTheSameDocumentsAsEventByEvent() {
        story();
        Map<String, List<Document>> eventByEvent = snapshot();
        List<TrackedEventMessage<?>> messages = feed.published();

        for (int batchSize : List.of(messages.size(), 4, 1)) {
            feed.reset();
            List<Long> documentsSeenBeforeTheLast = new java.util.ArrayList<>();
            for (int from = 0; from < messages.size(); from += batchSize) {
                List<TrackedEventMessage<?>> batch = messages.subList(from, Math.min(messages.size(), from + batchSize));
                long before = documentCount();
                ProcessorBatch.handle(batch, feed::deliver,
                        () -> documentsSeenBeforeTheLast.add(documentCount() - before));
            }
            int batches = (messages.size() + batchSize - 1) / batchSize;
            assertThat(documentsSeenBeforeTheLast).as("batch size %d", batchSize)
                    .hasSize(messages.size() - batches).allMatch(written -> written == 0L);
            assertThat(snapshot()).as("batch size %d", batchSize).isEqualTo(eventByEvent);
        }
    }

    @Test
    void aBatchDeliveredAgainChangesNothingAndPushesOneSummaryPerPartnerAndBatch() {
        story();
        Map<String, List<Document>> before = snapshot();
        UpdateHandlerRegistration<Object> p1 = subscribe("p-1");

        // a processor's retry after a failure: the whole batch again, over documents that already have it all
        ProcessorBatch.handle(feed.published(), feed::deliver);
        assertThat(snapshot()).isEqualTo(before);

        feed.reset();
        ProcessorBatch.handle(feed.published(), feed::deliver);
        emitter.complete(FindEarningsSummaryQuery.class, query -> true);
        assertThat(updates(p1)).singleElement()
                .isEqualTo(queries.handle(new FindEarningsSummaryQuery("p-1")).join());
    }

    @Test
    void theQueriesByPartnerHaveTheirIndexesAlsoAfterAReset() {
        story();
        feed.reset();

        assertThat(indexKeys("ledger_movements")).contains("partnerId:1,sequence:1", "partnerId:1,recordedAt:1");
    }

    @Test
    void aDataDirFromBeforeThePerPartnerEntryListsGetsThemAtStartUp() {
        story();
        LedgerEntryPage before = queries.handle(new FindLedgerEntriesQuery("p-1", null, null, null, 0, 50)).join();
        mongo.template.dropCollection("ledger_partner_entries").block();
        assertThat(queries.handle(new FindLedgerEntriesQuery("p-1", null, null, null, 0, 50)).join().entries()).isEmpty();

        new LedgerReadModel(mongo.template, Clock.fixed(NOW, ZoneOffset.UTC)).createIndexes();

        assertThat(before.entries()).hasSize(6);
        assertThat(queries.handle(new FindLedgerEntriesQuery("p-1", null, null, null, 0, 50)).join()).isEqualTo(before);
    }

    private List<String> indexKeys(String collection) {
        return mongo.template.indexOps(collection).getIndexInfo()
                .map(index -> index.getIndexFields().stream()
                        .map(field -> field.getKey() + ":" + (field.getDirection() == org.springframework.data.domain.Sort.Direction.DESC ? -1 : 1))
                        .collect(Collectors.joining(",")))
                .collectList().block();
    }

    private long documentCount() {
        return LedgerFixtures.COLLECTIONS.stream().mapToLong(collection -> mongo.all(collection).size()).sum();
    }

    private Map<String, List<Document>> snapshot() {
        Map<String, List<Document>> documents = new HashMap<>();
        LedgerFixtures.COLLECTIONS.forEach(collection -> documents.put(collection, mongo.all(collection)));
        return documents;
    }

    private UpdateHandlerRegistration<Object> subscribe(String partnerId) {
        return emitter.registerUpdateHandler(new GenericSubscriptionQueryMessage<>(new FindEarningsSummaryQuery(partnerId),
                ResponseTypes.instanceOf(EarningsSummary.class), ResponseTypes.instanceOf(EarningsSummary.class)), 100);
    }

    private static List<EarningsSummary> updates(UpdateHandlerRegistration<Object> registration) {
        return registration.getUpdates().map(SubscriptionQueryUpdateMessage::getPayload).cast(EarningsSummary.class)
                .collectList().block(Duration.ofSeconds(5));
    }
}
