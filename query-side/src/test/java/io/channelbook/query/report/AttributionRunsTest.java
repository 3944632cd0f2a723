package io.channelbook.query.report;

import io.channelbook.api.deal.DealAmountChangedEvent;
import io.channelbook.api.deal.DealClosedWonEvent;
import io.channelbook.api.deal.DealRefundedEvent;
import io.channelbook.api.deal.DealTouch;
import io.channelbook.api.deal.LineItem;
import io.channelbook.api.deal.CloseSource;
import io.channelbook.api.deal.TouchType;
import io.channelbook.api.money.Money;
import io.channelbook.api.partner.PartnerTierChangedEvent;
import io.channelbook.api.report.AttributionComparison;
import io.channelbook.api.report.AttributionModel;
import io.channelbook.api.report.AttributionRow;
import io.channelbook.api.report.AttributionRunParameters;
import io.channelbook.api.report.AttributionRunView;
import io.channelbook.api.report.CancelAttributionRunCommand;
import io.channelbook.api.report.CompareAttributionRunsQuery;
import io.channelbook.api.report.FindAttributionRunQuery;
import io.channelbook.api.report.FindReplayProgressQuery;
import io.channelbook.api.report.ReplayProgress;
import io.channelbook.api.report.ReplayStatus;
import io.channelbook.api.report.ReportFilters;
import io.channelbook.api.report.StartAttributionRunCommand;
import io.channelbook.api.report.TouchWeights;
import io.channelbook.query.ledger.InMemoryMongo;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.channelbook.query.report.ReportEvents.eur;
import static io.channelbook.query.report.ReportEvents.sourced;
import static io.channelbook.query.report.ReportEvents.touch;
import static io.channelbook.query.report.ReportEvents.usd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Attribution runs against a real Axon event store (embedded, in-memory storage) and a real Mongo wire-protocol
 * server: results checked against a brute-force recomputation from the raw event list kept by the test.
 */
class AttributionRunsTest {

    private static final Instant START = Instant.parse("2026-03-01T08:00:00Z");
    private static final Instant NOW = Instant.parse("2026-07-01T08:00:00Z");

    private InMemoryMongo mongo;
    private EmbeddedEventStore eventStore;
    private ReportEvents events;
    private AttributionRuns runs;

    @BeforeEach
    void setUp() {
        mongo = new InMemoryMongo();
        eventStore = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        events = new ReportEvents(eventStore, START);
        runs = runs(eventStore);
    }

    @AfterEach
    void tearDown() {
        runs.shutDown();
        eventStore.shutDown();
        mongo.close();
    }

    private AttributionRuns runs(StreamableMessageSource<TrackedEventMessage<?>> source) {
        return new AttributionRuns(source, mongo.template, SimpleQueryUpdateEmitter.builder().build(),
                Clock.fixed(NOW, ZoneOffset.UTC), 1);
    }

    /**
     * Three partners, two currencies: a deal with three touches, two products and a refund; a deal without line
     * items; a USD deal with a recurring line; a deal whose amount went down; an open one; a lost-free tier change
     * between closes.
     */
    private void history() {
        events.partner("p-a", "Alpha GmbH");
        events.partner("p-b", "Beta Ltd");
        events.partner("p-c", "Gamma SAS");
        events.append("p-a", new PartnerTierChangedEvent("p-a", "GOLD", null, "start"));
        events.append("p-b", new PartnerTierChangedEvent("p-b", "SILVER", null, "start"));

        events.registered("d-1", "p-a", eur(1_000_00), "PRO", "SUPPORT");
        events.approved("d-1", "p-a");
        events.won("d-1", "p-a", eur(1_000_00), LocalDate.parse("2026-03-10"),
                List.of(new LineItem("PRO", eur(800_00), false, null), new LineItem("SUPPORT", eur(200_00), false, null)),
                List.of(sourced("p-a"), touch("t-1", "p-b", TouchType.INFLUENCED), touch("t-2", "p-c", TouchType.DELIVERED)));
        events.append("d-1", new DealRefundedEvent("d-1", "p-a", eur(100_00), eur(100_00), "CN-1", CloseSource.CRM,
                eur(1_000_00), List.of("p-a", "p-b", "p-c")));

        events.append("p-a", new PartnerTierChangedEvent("p-a", "PLATINUM", "GOLD", "promoted"));

        events.registered("d-2", "p-b", eur(300_00), "PRO");
        events.approved("d-2", "p-b");
        events.won("d-2", "p-b", eur(333_33), LocalDate.parse("2026-04-02"), List.of(),
                List.of(sourced("p-b"), touch("t-3", "p-a", TouchType.INFLUENCED)));

        events.registered("d-3", "p-c", usd(500_00), "SUB");
        events.approved("d-3", "p-c");
        events.won("d-3", "p-c", usd(700_00), LocalDate.parse("2026-04-15"),
                List.of(new LineItem("SUB", usd(50_00), true, 12), new LineItem("SETUP", usd(100_00), false, null)),
                List.of(sourced("p-c")));

        events.registered("d-5", "p-a", eur(200_00), "PRO");
        events.approved("d-5", "p-a");
        events.won("d-5", "p-a", eur(200_00), LocalDate.parse("2026-05-01"), List.of(), null);
        events.append("d-5", new DealAmountChangedEvent("d-5", "p-a", eur(200_00), eur(150_00), CloseSource.CRM,
                eur(0), List.of("p-a")));

        events.registered("d-4", "p-a", eur(20_000_00), "PRO");
        events.approved("d-4", "p-a");
    }

    private AttributionRunParameters parameters(AttributionModel model) {
        return new AttributionRunParameters(model, null, null, null, null, null, null);
    }

    private String start(AttributionRunParameters parameters) {
        return runs.handle(new StartAttributionRunCommand(UUID.randomUUID().toString(), parameters), "analyst");
    }

    private ReplayProgress awaitFinal(String runId) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            ReplayProgress progress = runs.handle(new FindReplayProgressQuery(runId)).get(5, TimeUnit.SECONDS);
            if (progress.status().isFinal() || System.nanoTime() > deadline) {
                return progress;
            }
            Thread.sleep(20);
        }
    }

    private AttributionRunView completed(AttributionRunParameters parameters) throws Exception {
        String runId = start(parameters);
        assertThat(awaitFinal(runId).status()).isEqualTo(ReplayStatus.COMPLETED);
        return runs.handle(new FindAttributionRunQuery(runId)).get(5, TimeUnit.SECONDS);
    }

    /**
     * The test's own recomputation, straight from the recorded events (no fold, no products): attributed and
     * sourced revenue per partner and currency.
     */
    private Map<String, long[]> bruteForce(AttributionModel model, Instant asOf) {
        Map<String, DealClosedWonEvent> won = new LinkedHashMap<>();
        Map<String, Money> amounts = new HashMap<>();
        Map<String, Money> refunded = new HashMap<>();
        for (ReportEvents.Recorded recorded : events.recorded) {
            if (recorded.at().isAfter(asOf)) {
                continue;
            }
            if (recorded.payload() instanceof DealClosedWonEvent event) {
                won.put(event.registrationId(), event);
                amounts.put(event.registrationId(), event.amount());
            } else if (recorded.payload() instanceof DealAmountChangedEvent event) {
                amounts.put(event.registrationId(), event.newAmount());
            } else if (recorded.payload() instanceof DealRefundedEvent event) {
                refunded.put(event.registrationId(), event.totalRefunded());
            }
        }
        Map<String, long[]> totals = new TreeMap<>();
        won.forEach((id, event) -> {
            Money net = amounts.get(id).minus(refunded.getOrDefault(id, Money.zero(event.amount().currency())));
            List<DealTouch> touches = event.acceptedTouches() == null ? List.of(sourced(event.partnerId()))
                    : event.acceptedTouches();
            long[] ratios = new long[touches.size()];
            switch (model) {
                case SOURCED_ONLY, FIRST_TOUCH -> ratios[0] = 1;
                case LAST_TOUCH -> ratios[touches.size() - 1] = 1;
                case EVEN -> Arrays.fill(ratios, 1);
                case WEIGHTED -> {
                    for (int i = 0; i < touches.size(); i++) {
                        ratios[i] = switch (touches.get(i).type()) {
                            case SOURCED -> 60;
                            case INFLUENCED -> 30;
                            case DELIVERED -> 10;
                        };
                    }
                }
            }
            List<Money> shares = net.allocate(ratios);
            for (int i = 0; i < touches.size(); i++) {
                String key = touches.get(i).partnerId() + "/" + net.currency().getCurrencyCode();
                long[] line = totals.computeIfAbsent(key, k -> new long[2]);
                line[0] += shares.get(i).amountMinor();
                if (touches.get(i).type() == TouchType.SOURCED) {
                    line[1] += net.amountMinor();
                }
            }
        });
        return totals;
    }

    private static Map<String, long[]> perPartner(List<AttributionRow> rows) {
        Map<String, long[]> totals = new TreeMap<>();
        for (AttributionRow row : rows) {
            long[] line = totals.computeIfAbsent(row.partnerId() + "/" + row.currency(), k -> new long[2]);
            line[0] += row.attributed().amountMinor();
            line[1] += row.sourced().amountMinor();
        }
        return totals;
    }

    @ParameterizedTest
    @EnumSource(AttributionModel.class)
    void aCompletedRunEqualsABruteForceRecomputationFromTheRawEvents(AttributionModel model) throws Exception {
        history();

        AttributionRunView run = completed(parameters(model));

        assertThat(run.complete()).isTrue();
        assertThat(perPartner(run.rows())).usingRecursiveComparison().isEqualTo(bruteForce(model, NOW));
        assertThat(run.parameters().untilPosition()).isEqualTo(events.recorded.size() - 1L);
        assertThat(run.parameters().asOf()).isEqualTo(NOW);
        assertThat(run.requestedBy()).isEqualTo("analyst");
    }

    @Test
    void rowsSplitEachShareOverProductsAndKeepTheTierAtClose() throws Exception {
        history();

        AttributionRunView run = completed(parameters(AttributionModel.WEIGHTED));

        // d-1: 1,000.00 less 100.00 refunded = 900.00; p-a 60% = 540.00, over PRO 80% / SUPPORT 20%
        assertThat(row(run, "p-a", "PRO", "2026-03")).satisfies(row -> {
            assertThat(row.tier()).isEqualTo("GOLD");
            assertThat(row.partnerName()).isEqualTo("Alpha GmbH");
            assertThat(row.attributed()).isEqualTo(eur(432_00));
            assertThat(row.sourced()).isEqualTo(eur(720_00));
        });
        assertThat(row(run, "p-a", "SUPPORT", "2026-03").attributed()).isEqualTo(eur(108_00));
        assertThat(row(run, "p-b", "PRO", "2026-03").influenced()).isEqualTo(eur(720_00));
        assertThat(row(run, "p-c", "SUPPORT", "2026-03").delivered()).isEqualTo(eur(180_00));
        // d-2 without line items: its registered product; 333.33 at 60/30 of 90: 222.22 and 111.11; p-a promoted by then
        assertThat(row(run, "p-a", "PRO", "2026-04").tier()).isEqualTo("PLATINUM");
        assertThat(row(run, "p-a", "PRO", "2026-04").attributed()).isEqualTo(eur(111_11));
        assertThat(row(run, "p-b", "PRO", "2026-04").attributed()).isEqualTo(eur(222_22));
        // d-3: recurring 50.00 x 12 = 600 against setup 100: 600.00 and 100.00
        assertThat(row(run, "p-c", "SUB", "2026-04").attributed()).isEqualTo(usd(600_00));
        assertThat(row(run, "p-c", "SETUP", "2026-04").attributed()).isEqualTo(usd(100_00));
        // d-5 lowered to 150.00
        assertThat(row(run, "p-a", "PRO", "2026-05").sourced()).isEqualTo(eur(150_00));
        // totals: every won cent once
        assertThat(run.totals()).anySatisfy(total -> {
            assertThat(total.currency()).isEqualTo("EUR");
            assertThat(total.attributed()).isEqualTo(eur(900_00 + 333_33 + 150_00));
            assertThat(total.sourced()).isEqualTo(eur(900_00 + 333_33 + 150_00));
            assertThat(total.deals()).isEqualTo(3);
        });
    }

    private static AttributionRow row(AttributionRunView run, String partnerId, String product, String period) {
        return run.rows().stream().filter(row -> row.partnerId().equals(partnerId) && product.equals(row.product())
                && row.period().equals(period)).findFirst().orElseThrow();
    }

    @Test
    void twoRunsOverTheSameHistoryAreIdentical() throws Exception {
        history();

        AttributionRunView first = completed(parameters(AttributionModel.EVEN));
        AttributionRunView second = completed(parameters(AttributionModel.EVEN));

        assertThat(second.rows()).isEqualTo(first.rows());
        assertThat(second.totals()).isEqualTo(first.totals());
        assertThat(second.parameters()).isEqualTo(first.parameters());
    }

    @Test
    void anAsOfRunIgnoresLaterEvents() throws Exception {
        history();
        Instant asOf = events.clock;
        events.registered("d-6", "p-b", eur(999_99), "PRO");
        events.approved("d-6", "p-b");
        events.won("d-6", "p-b", eur(999_99), LocalDate.parse("2026-05-20"), List.of(), List.of(sourced("p-b")));
        events.append("d-1", new DealRefundedEvent("d-1", "p-a", eur(100_00), eur(200_00), "CN-2", CloseSource.CRM,
                eur(1_000_00), List.of("p-a", "p-b", "p-c")));

        AttributionRunView asOfRun = completed(new AttributionRunParameters(AttributionModel.EVEN, null, null, null,
                asOf, null, null));
        AttributionRunView now = completed(parameters(AttributionModel.EVEN));

        assertThat(perPartner(asOfRun.rows())).usingRecursiveComparison().isEqualTo(bruteForce(AttributionModel.EVEN, asOf));
        assertThat(perPartner(now.rows())).usingRecursiveComparison().isEqualTo(bruteForce(AttributionModel.EVEN, NOW));
        assertThat(perPartner(asOfRun.rows())).usingRecursiveComparison().isNotEqualTo(perPartner(now.rows()));
    }

    @Test
    void aRunRepeatedWithItsStopPositionIgnoresEventsAppendedSince() throws Exception {
        history();
        AttributionRunView first = completed(parameters(AttributionModel.LAST_TOUCH));
        events.won("d-4", "p-a", eur(20_000_00), LocalDate.parse("2026-05-02"), List.of(), List.of(sourced("p-a")));

        AttributionRunView repeated = completed(first.parameters());

        assertThat(repeated.rows()).isEqualTo(first.rows());
        assertThat(completed(parameters(AttributionModel.LAST_TOUCH)).rows()).isNotEqualTo(first.rows());
    }

    @Test
    void progressReachesOneHundredPercentWithEveryEventCounted() throws Exception {
        history();

        String runId = start(parameters(AttributionModel.EVEN));
        ReplayProgress progress = awaitFinal(runId);

        assertThat(progress.status()).isEqualTo(ReplayStatus.COMPLETED);
        assertThat(progress.percent()).isEqualTo(100.0);
        assertThat(progress.eventsProcessed()).isEqualTo(events.recorded.size());
        assertThat(progress.totalEvents()).isEqualTo(events.recorded.size());
        assertThat(progress.position()).isEqualTo(progress.stopPosition());
        assertThat(progress.finishedAt()).isEqualTo(NOW);
    }

    @Test
    void filtersSelectRowsOfTheFullResult() throws Exception {
        history();

        AttributionRunView all = completed(parameters(AttributionModel.WEIGHTED));
        AttributionRunView gold = completed(new AttributionRunParameters(AttributionModel.WEIGHTED, null, null, null,
                null, new ReportFilters(null, "gold", null, null), null));
        AttributionRunView usdOnly = completed(new AttributionRunParameters(AttributionModel.WEIGHTED, null,
                LocalDate.parse("2026-04-01"), LocalDate.parse("2026-04-30"), null,
                new ReportFilters(null, null, null, "USD"), null));

        assertThat(gold.rows()).isNotEmpty().allSatisfy(row -> assertThat(row.tier()).isEqualTo("GOLD"));
        assertThat(all.rows()).containsAll(gold.rows());
        assertThat(usdOnly.rows()).extracting(AttributionRow::product).containsExactlyInAnyOrder("SUB", "SETUP");
    }

    @Test
    void comparingTwoModelsShowsWhereRevenueMoved() throws Exception {
        history();
        AttributionRunView sourcedOnly = completed(parameters(AttributionModel.SOURCED_ONLY));
        AttributionRunView even = completed(parameters(AttributionModel.EVEN));

        AttributionComparison comparison = runs.handle(new CompareAttributionRunsQuery(sourcedOnly.runId(), even.runId()))
                .get(5, TimeUnit.SECONDS);

        assertThat(comparison.a().runId()).isEqualTo(sourcedOnly.runId());
        long moved = comparison.rows().stream().filter(row -> row.currency().equals("EUR"))
                .mapToLong(row -> row.difference().amountMinor()).sum();
        assertThat(moved).as("revenue only moves between partners").isZero();
        assertThat(comparison.rows()).anySatisfy(row -> {
            assertThat(row.partnerId()).isEqualTo("p-b");
            assertThat(row.attributedA()).isEqualTo(eur(0));
            assertThat(row.difference().signum()).isPositive();
        });
    }

    @Test
    void badParametersAndDuplicateIdsAreRefused() throws Exception {
        assertThatThrownBy(() -> start(parameters(null)))
                .isInstanceOf(CommandExecutionException.class).hasMessageContaining("model");
        assertThatThrownBy(() -> start(new AttributionRunParameters(AttributionModel.WEIGHTED,
                new TouchWeights(-1, 1, 1), null, null, null, null, null)))
                .isInstanceOf(CommandExecutionException.class).hasMessageContaining("negative");
        assertThatThrownBy(() -> start(new AttributionRunParameters(AttributionModel.EVEN, null,
                LocalDate.parse("2026-05-01"), LocalDate.parse("2026-04-01"), null, null, null)))
                .isInstanceOf(CommandExecutionException.class).hasMessageContaining("after");
        String runId = start(parameters(AttributionModel.EVEN));
        awaitFinal(runId);
        assertThatThrownBy(() -> runs.handle(new StartAttributionRunCommand(runId, parameters(AttributionModel.EVEN)), "x"))
                .isInstanceOf(CommandExecutionException.class).hasMessageContaining("exists");
        assertThatThrownBy(() -> runs.handle(new CancelAttributionRunCommand(runId)))
                .isInstanceOf(CommandExecutionException.class).hasMessageContaining("COMPLETED");
    }

    @Test
    void cancellingStopsTheRunAndKeepsNoResult() throws Exception {
        for (int i = 0; i < 400; i++) {
            events.partner("bulk-" + i, "Bulk " + i);
        }
        runs.shutDown();
        runs = runs(slow(eventStore));

        String runId = start(parameters(AttributionModel.EVEN));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (runs.handle(new FindReplayProgressQuery(runId)).get().eventsProcessed() < 5 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        runs.handle(new CancelAttributionRunCommand(runId));
        ReplayProgress progress = awaitFinal(runId);

        assertThat(progress.status()).isEqualTo(ReplayStatus.CANCELLED);
        assertThat(progress.eventsProcessed()).isBetween(5L, 399L);
        assertThat(progress.percent()).isLessThan(100.0);
        AttributionRunView run = runs.handle(new FindAttributionRunQuery(runId)).get();
        assertThat(run.complete()).isFalse();
        assertThat(run.rows()).isEmpty();
        assertThat(mongo.all(AttributionRowsDocument.COLLECTION)).isEmpty();
        Thread.sleep(300);
        assertThat(runs.handle(new FindReplayProgressQuery(runId)).get().status()).isEqualTo(ReplayStatus.CANCELLED);
    }

    /** The same stream, 5 ms per event. */
    private static StreamableMessageSource<TrackedEventMessage<?>> slow(EmbeddedEventStore store) {
        return new StreamableMessageSource<>() {
            @Override
            public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken token) {
                BlockingStream<TrackedEventMessage<?>> stream = store.openStream(token);
                return new BlockingStream<>() {
                    @Override
                    public Optional<TrackedEventMessage<?>> peek() {
                        return stream.peek();
                    }

                    @Override
                    public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
                        return stream.hasNextAvailable(timeout, unit);
                    }

                    @Override
                    public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
                        Thread.sleep(5);
                        return stream.nextAvailable();
                    }

                    @Override
                    public void close() {
                        stream.close();
                    }
                };
            }

            @Override
            public TrackingToken createTailToken() {
                return store.createTailToken();
            }

            @Override
            public TrackingToken createHeadToken() {
                return store.createHeadToken();
            }

            @Override
            public TrackingToken createTokenAt(Instant dateTime) {
                return store.createTokenAt(dateTime);
            }
        };
    }
}
