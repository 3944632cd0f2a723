package io.channelbook.query.ledger.audit;

import io.channelbook.api.ledger.CommissionAccruedEvent;
import io.channelbook.api.ledger.CommissionReleasedEvent;
import io.channelbook.api.ledger.CommissionReversedEvent;
import io.channelbook.api.ledger.CommissionShareAllocatedEvent;
import io.channelbook.api.ledger.DealRevenueRecordedEvent;
import io.channelbook.api.ledger.EntryStatus;
import io.channelbook.api.ledger.LedgerAdjustedEvent;
import io.channelbook.api.ledger.LedgerAuditReport;
import io.channelbook.api.ledger.LedgerDifference;
import io.channelbook.api.ledger.PayoutRecordedEvent;
import io.channelbook.api.ledger.RunLedgerAuditQuery;
import io.channelbook.api.money.Money;
import jakarta.annotation.PreDestroy;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The independent ledger auditor: it reads the raw event stream from its very beginning, folds the ledger events'
 * payloads into pending, payable, paid, reversed and lifetime per partner and currency with its own arithmetic, and
 * compares the result with the balance documents of the ledger read model, read as plain BSON (none of the
 * projection's classes or code). Every field that differs is a {@link LedgerDifference}, and so is every field of a
 * partner or currency present on one side only (with {@code null} on the missing side).
 * <p>
 * The read model may lag the stream, so before comparing it waits (bounded by
 * {@code channelbook.ledger.audit.catch-up-timeout}, 10 s by default) until each partner's balance document records
 * the global position of the last balance-moving event the auditor read for that partner. What is still behind after
 * that shows up as differences. Audits run one at a time on their own thread.
 */
@Component
public class LedgerAuditor {

    private static final Logger LOG = LoggerFactory.getLogger(LedgerAuditor.class);

    /** The read model's current balances: {@code _id} partner id, {@code currencies[]} lines, {@code lastPosition}. */
    static final String BALANCES = "ledger_balances";
    static final String[] FIELDS = {"pending", "payable", "paid", "reversed", "lifetime"};

    /** How long the stream may stay silent before it counts as read to its end (a remote store streams in batches). */
    private static final Duration QUIET = Duration.ofMillis(200);
    /** How long to wait for the events up to the head the stream reported at the start. */
    private static final Duration HEAD_WAIT = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(100);

    private static final Set<Class<?>> LEDGER_EVENTS = Set.of(CommissionAccruedEvent.class,
            CommissionReleasedEvent.class, CommissionReversedEvent.class, LedgerAdjustedEvent.class,
            PayoutRecordedEvent.class, DealRevenueRecordedEvent.class, CommissionShareAllocatedEvent.class);

    private final StreamableMessageSource<TrackedEventMessage<?>> events;
    private final ReactiveMongoTemplate mongo;
    private final Clock clock;
    private final Duration catchUpTimeout;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "ledger-audit");
        thread.setDaemon(true);
        return thread;
    });

    @Autowired
    LedgerAuditor(EventStore eventStore, ReactiveMongoTemplate mongo, Clock clock,
                  @Value("${channelbook.ledger.audit.catch-up-timeout:10s}") Duration catchUpTimeout) {
        this((StreamableMessageSource<TrackedEventMessage<?>>) eventStore, mongo, clock, catchUpTimeout);
    }

    LedgerAuditor(StreamableMessageSource<TrackedEventMessage<?>> events, ReactiveMongoTemplate mongo, Clock clock,
                  Duration catchUpTimeout) {
        this.events = events;
        this.mongo = mongo;
        this.clock = clock;
        this.catchUpTimeout = catchUpTimeout;
    }

    @QueryHandler
    CompletableFuture<LedgerAuditReport> handle(RunLedgerAuditQuery query) {
        return CompletableFuture.supplyAsync(this::audit, executor);
    }

    @PreDestroy
    void shutDown() {
        executor.shutdownNow();
    }

    /** Runs one audit in the calling thread. */
    LedgerAuditReport audit() {
        Instant startedAt = clock.instant();
        Recomputation expected;
        try {
            expected = recompute();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("The ledger audit was interrupted while reading the event stream", e);
        }
        Map<String, Document> actual = awaitReadModel(expected.lastPositions);
        List<LedgerDifference> differences = new ArrayList<>();
        Set<String> partners = new TreeSet<>(expected.balances.keySet());
        partners.addAll(actual.keySet());
        for (String partnerId : partners) {
            compare(partnerId, expected.balances.getOrDefault(partnerId, Map.of()),
                    lines(actual.get(partnerId)), differences);
        }
        if (!differences.isEmpty()) {
            LOG.warn("Ledger audit found {} differences between the event stream and the read model",
                    differences.size());
        }
        return new LedgerAuditReport(startedAt, clock.instant(), expected.eventsRead, expected.ledgerEventsRead,
                partners.size(), List.copyOf(differences));
    }

    /** The auditor's own fold of the whole stream. */
    private Recomputation recompute() throws InterruptedException {
        Recomputation result = new Recomputation();
        TrackingToken headAtStart = events.createHeadToken();
        long head = headAtStart == null ? -1 : headAtStart.position().orElse(-1);
        long lastRead = -1;
        try (BlockingStream<TrackedEventMessage<?>> stream = events.openStream(null)) {
            while (true) {
                Duration wait = lastRead < head ? HEAD_WAIT : QUIET;
                if (!stream.hasNextAvailable(Math.toIntExact(wait.toMillis()), TimeUnit.MILLISECONDS)) {
                    if (lastRead < head) {
                        LOG.warn("Ledger audit: the event stream stopped at position {} before the head {} it "
                                + "reported at the start", lastRead, head);
                    }
                    break;
                }
                TrackedEventMessage<?> message = stream.nextAvailable();
                result.eventsRead++;
                long position = message.trackingToken() == null ? -1
                        : message.trackingToken().position().orElse(-1);
                lastRead = Math.max(lastRead, position);
                if (LEDGER_EVENTS.contains(message.getPayloadType())) {
                    result.ledgerEventsRead++;
                    result.apply(message.getPayload(), position);
                }
            }
        }
        return result;
    }

    /**
     * The balance documents, once each partner's records the last position read for it (or the wait is over). Only
     * plain BSON is read: field names are the auditor's own knowledge of the document, not the projection's code.
     */
    private Map<String, Document> awaitReadModel(Map<String, Long> lastPositions) {
        long deadline = System.nanoTime() + catchUpTimeout.toNanos();
        while (true) {
            Map<String, Document> documents = new HashMap<>();
            List<Document> found = mongo.find(new Query(), Document.class, BALANCES).collectList().block();
            if (found != null) {
                found.forEach(document -> documents.put(String.valueOf(document.get("_id")), document));
            }
            boolean caughtUp = lastPositions.entrySet().stream().allMatch(expected -> {
                Document document = documents.get(expected.getKey());
                Number position = document == null ? null : document.get("lastPosition", Number.class);
                return position != null && position.longValue() >= expected.getValue();
            });
            if (caughtUp) {
                return documents;
            }
            if (System.nanoTime() >= deadline) {
                LOG.warn("Ledger audit: the read model did not catch up with the event stream within {}",
                        catchUpTimeout);
                return documents;
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return documents;
            }
        }
    }

    /** A balance document's lines by currency: field name to minor units. */
    private static Map<String, Map<String, Long>> lines(Document document) {
        Map<String, Map<String, Long>> lines = new TreeMap<>();
        if (document == null) {
            return lines;
        }
        for (Document line : document.getList("currencies", Document.class, List.of())) {
            Map<String, Long> values = new HashMap<>();
            for (String field : FIELDS) {
                Number value = line.get(field, Number.class);
                values.put(field, value == null ? null : value.longValue());
            }
            lines.put(line.getString("currency"), values);
        }
        return lines;
    }

    private static void compare(String partnerId, Map<String, long[]> expected, Map<String, Map<String, Long>> actual,
                                List<LedgerDifference> differences) {
        Set<String> currencies = new TreeSet<>(expected.keySet());
        currencies.addAll(actual.keySet());
        for (String currency : currencies) {
            long[] expectedLine = expected.get(currency);
            Map<String, Long> actualLine = actual.get(currency);
            for (int i = 0; i < FIELDS.length; i++) {
                Long expectedValue = expectedLine == null ? null : expectedLine[i];
                Long actualValue = actualLine == null ? null : actualLine.get(FIELDS[i]);
                if (expectedValue == null || !expectedValue.equals(actualValue)) {
                    differences.add(new LedgerDifference(partnerId, currency, FIELDS[i],
                            money(expectedValue, currency), money(actualValue, currency)));
                }
            }
        }
    }

    private static Money money(Long minor, String currency) {
        if (minor == null) {
            return null;
        }
        try {
            return Money.ofMinor(minor, currency);
        } catch (IllegalArgumentException unknownCurrency) {
            return null;
        }
    }

    /** Pending, payable, paid, reversed and lifetime (indexes as {@link #FIELDS}) per partner and currency. */
    private static final class Recomputation {

        private static final int PENDING = 0;
        private static final int PAYABLE = 1;
        private static final int PAID = 2;
        private static final int REVERSED = 3;
        private static final int LIFETIME = 4;

        final Map<String, Map<String, long[]>> balances = new TreeMap<>();
        final Map<String, Long> lastPositions = new HashMap<>();
        long eventsRead;
        long ledgerEventsRead;

        void apply(Object payload, long position) {
            if (payload instanceof CommissionAccruedEvent accrued) {
                long[] line = line(accrued.partnerId(), accrued.amount(), position);
                line[PENDING] += accrued.amount().amountMinor();
                line[LIFETIME] += accrued.amount().amountMinor();
            } else if (payload instanceof CommissionReleasedEvent released) {
                long[] line = line(released.partnerId(), released.amount(), position);
                line[PENDING] -= released.amount().amountMinor();
                line[PAYABLE] += released.amount().amountMinor();
            } else if (payload instanceof CommissionReversedEvent reversed) {
                long[] line = line(reversed.partnerId(), reversed.amount(), position);
                long amount = reversed.amount().amountMinor();
                line[reversed.from() == EntryStatus.PENDING ? PENDING : PAYABLE] += amount;
                line[REVERSED] -= amount;
                line[LIFETIME] += amount;
            } else if (payload instanceof LedgerAdjustedEvent adjusted) {
                long[] line = line(adjusted.partnerId(), adjusted.amount(), position);
                line[PAYABLE] += adjusted.amount().amountMinor();
                line[LIFETIME] += adjusted.amount().amountMinor();
            } else if (payload instanceof PayoutRecordedEvent payout) {
                long[] line = line(payout.partnerId(), payout.amount(), position);
                line[PAYABLE] -= payout.amount().amountMinor();
                line[PAID] += payout.amount().amountMinor();
            }
        }

        private long[] line(String partnerId, Money amount, long position) {
            lastPositions.merge(partnerId, position, Math::max);
            return balances.computeIfAbsent(partnerId, id -> new TreeMap<>())
                    .computeIfAbsent(amount.currency().getCurrencyCode(), code -> new long[FIELDS.length]);
        }
    }
}
