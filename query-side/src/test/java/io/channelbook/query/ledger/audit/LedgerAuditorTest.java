package io.channelbook.query.ledger.audit;

import io.channelbook.api.ledger.CommissionAccruedEvent;
import io.channelbook.api.ledger.CommissionReleasedEvent;
import io.channelbook.api.ledger.CommissionReversedEvent;
import io.channelbook.api.ledger.DealRevenueRecordedEvent;
import io.channelbook.api.ledger.EntryKind;
import io.channelbook.api.ledger.EntryStatus;
import io.channelbook.api.ledger.LedgerAdjustedEvent;
import io.channelbook.api.ledger.LedgerAuditReport;
import io.channelbook.api.ledger.LedgerDifference;
import io.channelbook.api.ledger.LedgerIds;
import io.channelbook.api.ledger.PayoutRecordedEvent;
import io.channelbook.api.ledger.RunLedgerAuditQuery;
import io.channelbook.api.money.Money;
import io.channelbook.api.partner.PartnerRegisteredEvent;
import io.channelbook.api.partner.PrimaryContact;
import io.channelbook.api.partner.ProgramType;
import io.channelbook.query.ledger.InMemoryMongo;
import io.channelbook.query.ledger.LedgerFixtures;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auditor against a real Axon event store (embedded, in-memory storage) and the ledger read model on a real
 * Mongo wire-protocol server, the read model fed from the same store's stream as an event processor would be.
 */
class LedgerAuditorTest {

    private static final Instant NOW = Instant.parse("2026-04-01T08:00:00Z");
    private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");

    private InMemoryMongo mongo;
    private EmbeddedEventStore eventStore;
    private AnnotationEventHandlerAdapter projection;
    private TrackingToken projected;
    private final Map<String, Long> sequences = new HashMap<>();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    @BeforeEach
    void setUp() {
        mongo = new InMemoryMongo();
        eventStore = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        projection = new AnnotationEventHandlerAdapter(
                LedgerFixtures.projection(mongo.template, SimpleQueryUpdateEmitter.builder().build(), clock));
    }

    @AfterEach
    void tearDown() {
        eventStore.shutDown();
        mongo.close();
    }

    private LedgerAuditor auditor(Duration catchUpTimeout) {
        return new LedgerAuditor(eventStore, mongo.template, clock, catchUpTimeout);
    }

    private static Money eur(long minor) {
        return Money.ofMinor(minor, "EUR");
    }

    private void append(String aggregateId, Object payload) {
        long sequence = sequences.merge(aggregateId, 1L, Long::sum) - 1;
        List<EventMessage<?>> events = List.of(new GenericDomainEventMessage<>("Aggregate", aggregateId, sequence,
                payload, MetaData.with("actorId", "system:test"), UUID.randomUUID().toString(), T.plusSeconds(sequence)));
        eventStore.publish(events);
    }

    private void ledger(String partnerId, Object payload) {
        append(LedgerIds.ofPartner(partnerId), payload);
    }

    /** Two partners, two currencies, every kind of movement, and events that move nothing. */
    private void history() {
        append("p-1", new PartnerRegisteredEvent("p-1", "Acme GmbH", "DE", "acme.de", ProgramType.RESELLER,
                new PrimaryContact("Ana", "ana@acme.de")));
        ledger("p-1", new CommissionAccruedEvent("ledger-p-1", "p-1", "e-1", EntryKind.ACCRUAL, "r-1", eur(100_000), LocalDate.parse("2026-03-01"), "2026-03", T.plusSeconds(86_400), null, null));
        ledger("p-1", new DealRevenueRecordedEvent("ledger-p-1", "p-1", "r-1", "2026-03", eur(1_000_000), eur(1_000_000)));
        ledger("p-2", new CommissionAccruedEvent("ledger-p-2", "p-2", "x-1", EntryKind.ACCRUAL, "r-2", Money.ofMinor(9_000, "USD"), LocalDate.parse("2026-03-01"), "2026-03", T.plusSeconds(86_400), null, null));
        ledger("p-1", new CommissionReleasedEvent("ledger-p-1", "p-1", "e-1", eur(100_000)));
        ledger("p-1", new PayoutRecordedEvent("ledger-p-1", "p-1", "po-1", eur(100_000), "SEPA", LocalDate.parse("2026-03-02"), List.of("e-1")));
        ledger("p-1", new CommissionReversedEvent("ledger-p-1", "p-1", "rv-1", "e-1", "r-1", eur(-25_000), EntryStatus.PAID, "refund", "25% refunded"));
        ledger("p-1", new LedgerAdjustedEvent("ledger-p-1", "p-1", "a-1", eur(4_000), "bonus"));
        ledger("p-2", new CommissionReversedEvent("ledger-p-2", "p-2", "xr-1", "x-1", "r-2", Money.ofMinor(-1_000, "USD"), EntryStatus.PENDING, "decrease", "t"));
    }

    /** Feeds the projection with what the store holds beyond what it has already seen, as a processor does. */
    private void project() throws InterruptedException {
        project(Integer.MAX_VALUE);
    }

    private void project(int atMost) throws InterruptedException {
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(projected)) {
            int handled = 0;
            while (handled < atMost && stream.hasNextAvailable(200, TimeUnit.MILLISECONDS)) {
                TrackedEventMessage<?> message = stream.nextAvailable();
                try {
                    projection.handle(message);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                projected = message.trackingToken();
                handled++;
            }
        }
    }

    private Document balances(String partnerId) {
        return mongo.template.findById(partnerId, Document.class, LedgerFixtures.balancesCollection()).block();
    }

    @Test
    void consistentHistoryHasNoDifferences() throws Exception {
        history();
        project();

        LedgerAuditReport report = auditor(Duration.ofSeconds(10)).handle(new RunLedgerAuditQuery()).get(20, TimeUnit.SECONDS);

        assertThat(report.differences()).isEmpty();
        assertThat(report.eventsRead()).isEqualTo(9);
        assertThat(report.ledgerEventsRead()).isEqualTo(8);
        assertThat(report.partnersChecked()).isEqualTo(2);
        assertThat(report.startedAt()).isEqualTo(NOW);
        assertThat(report.finishedAt()).isEqualTo(NOW);
    }

    @Test
    void tamperedBalanceIsReportedWithExpectedAndActual() throws Exception {
        history();
        project();
        Document p1 = balances("p-1");
        @SuppressWarnings("unchecked")
        List<Document> lines = (List<Document>) p1.get("currencies");
        assertThat(lines.get(0).getString("currency")).isEqualTo("EUR");
        assertThat(((Number) lines.get(0).get("payable")).longValue()).isEqualTo(-21_000);
        lines.get(0).put("payable", 79_000L);
        mongo.template.save(p1, LedgerFixtures.balancesCollection()).block();

        LedgerAuditReport report = auditor(Duration.ofSeconds(10)).audit();

        assertThat(report.differences()).containsExactly(
                new LedgerDifference("p-1", "EUR", "payable", eur(-21_000), eur(79_000)));
    }

    @Test
    void partnersOrCurrenciesOnOneSideOnlyAreReported() throws Exception {
        history();
        project();
        mongo.template.remove(balances("p-2"), LedgerFixtures.balancesCollection()).block();
        mongo.template.save(new Document("_id", "ghost").append("lastPosition", 0L).append("currencies",
                List.of(new Document("currency", "GBP").append("pending", 0L).append("payable", 500L)
                        .append("paid", 0L).append("reversed", 0L).append("lifetime", 500L))),
                LedgerFixtures.balancesCollection()).block();

        LedgerAuditReport report = auditor(Duration.ofMillis(300)).audit();

        Money usd = Money.ofMinor(0, "USD");
        assertThat(report.partnersChecked()).isEqualTo(3);
        assertThat(report.differences()).containsExactly(
                new LedgerDifference("ghost", "GBP", "pending", null, Money.ofMinor(0, "GBP")),
                new LedgerDifference("ghost", "GBP", "payable", null, Money.ofMinor(500, "GBP")),
                new LedgerDifference("ghost", "GBP", "paid", null, Money.ofMinor(0, "GBP")),
                new LedgerDifference("ghost", "GBP", "reversed", null, Money.ofMinor(0, "GBP")),
                new LedgerDifference("ghost", "GBP", "lifetime", null, Money.ofMinor(500, "GBP")),
                new LedgerDifference("p-2", "USD", "pending", Money.ofMinor(8_000, "USD"), null),
                new LedgerDifference("p-2", "USD", "payable", usd, null),
                new LedgerDifference("p-2", "USD", "paid", usd, null),
                new LedgerDifference("p-2", "USD", "reversed", Money.ofMinor(1_000, "USD"), null),
                new LedgerDifference("p-2", "USD", "lifetime", Money.ofMinor(8_000, "USD"), null));
    }

    @Test
    void waitsForALaggingReadModelBeforeComparing() throws Exception {
        history();
        project(5);
        CompletableFuture<LedgerAuditReport> running = auditor(Duration.ofSeconds(10)).handle(new RunLedgerAuditQuery());
        Thread.sleep(500);
        assertThat(running).isNotDone();

        project();

        LedgerAuditReport report = running.get(20, TimeUnit.SECONDS);
        assertThat(report.differences()).isEmpty();
        assertThat(report.ledgerEventsRead()).isEqualTo(8);
    }

    @Test
    void aReadModelThatStaysBehindShowsAsDifferences() throws Exception {
        history();
        project(5); // up to p-1's release: its payout, reversal and adjustment and p-2's reversal are not applied

        LedgerAuditReport report = auditor(Duration.ofMillis(300)).audit();

        List<String> fields = new ArrayList<>();
        report.differences().forEach(difference -> fields.add(difference.partnerId() + " " + difference.currency() + " " + difference.field()));
        assertThat(fields).containsExactly("p-1 EUR payable", "p-1 EUR paid", "p-1 EUR reversed", "p-1 EUR lifetime",
                "p-2 USD pending", "p-2 USD reversed", "p-2 USD lifetime");
        assertThat(report.differences().get(0).expected()).isEqualTo(eur(-21_000));
        assertThat(report.differences().get(0).actual()).isEqualTo(eur(100_000));
    }

    @Test
    void emptyStoreAndEmptyReadModelAgree() {
        LedgerAuditReport report = auditor(Duration.ofSeconds(1)).audit();

        assertThat(report.eventsRead()).isZero();
        assertThat(report.ledgerEventsRead()).isZero();
        assertThat(report.partnersChecked()).isZero();
        assertThat(report.differences()).isEmpty();
    }
}
