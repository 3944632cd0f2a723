package io.channelbook.query.report;

import io.channelbook.api.common.ErrorDetails;
import io.channelbook.api.common.ErrorKind;
import io.channelbook.api.common.MetadataKeys;
import io.channelbook.api.report.AttributionComparison;
import io.channelbook.api.report.AttributionModel;
import io.channelbook.api.report.AttributionRow;
import io.channelbook.api.report.AttributionRunList;
import io.channelbook.api.report.AttributionRunParameters;
import io.channelbook.api.report.AttributionRunView;
import io.channelbook.api.report.CancelAttributionRunCommand;
import io.channelbook.api.report.CompareAttributionRunsQuery;
import io.channelbook.api.report.FindAttributionRunQuery;
import io.channelbook.api.report.FindAttributionRunsQuery;
import io.channelbook.api.report.FindReplayProgressQuery;
import io.channelbook.api.report.ReplayProgress;
import io.channelbook.api.report.ReplayStatus;
import io.channelbook.api.report.ReportFilters;
import io.channelbook.api.report.StartAttributionRunCommand;
import io.channelbook.api.report.TouchWeights;
import jakarta.annotation.PreDestroy;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Attribution runs: each one replays the raw event stream from its beginning up to a stop position (the head of the
 * stream when it starts, or a position given to repeat an earlier run) and its as-of instant into its own
 * {@link ProgramHistory}, on a thread of its own (not an event processor, so live read models are untouched), then
 * stores its rows under its id. Progress (events read, estimated total, rate, ETA) is saved about every second and
 * pushed to subscribers of {@link FindReplayProgressQuery} about four times a second.
 * <p>
 * Final states are exclusive: a run becomes COMPLETED only after its rows are written and only if no cancellation
 * arrived first; a cancelled or failed run keeps no rows. A run whose heartbeat stopped without a final state (the
 * service stopped while it ran) is shown as FAILED.
 */
@Component
public class AttributionRuns {

    private static final Logger LOG = LoggerFactory.getLogger(AttributionRuns.class);
    private static final long EMIT_EVERY_NANOS = Duration.ofMillis(250).toNanos();
    private static final long SAVE_EVERY_NANOS = Duration.ofSeconds(1).toNanos();
    static final Duration STALE = Duration.ofSeconds(30);
    private static final int MAX_LIST = 200;

    private final StreamableMessageSource<TrackedEventMessage<?>> events;
    private final ReactiveMongoTemplate mongo;
    private final QueryUpdateEmitter emitter;
    private final Clock clock;
    private final ExecutorService executor;
    private final Map<String, ActiveRun> active = new ConcurrentHashMap<>();

    @Autowired
    AttributionRuns(EventStore eventStore, ReactiveMongoTemplate mongo, QueryUpdateEmitter emitter, Clock clock,
                    @Value("${channelbook.reports.replay-threads:1}") int threads) {
        this((StreamableMessageSource<TrackedEventMessage<?>>) eventStore, mongo, emitter, clock, threads);
    }

    AttributionRuns(StreamableMessageSource<TrackedEventMessage<?>> events, ReactiveMongoTemplate mongo,
                    QueryUpdateEmitter emitter, Clock clock, int threads) {
        this.events = events;
        this.mongo = mongo;
        this.emitter = emitter;
        this.clock = clock;
        AtomicInteger counter = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(Math.max(1, threads), runnable -> {
            Thread thread = new Thread(runnable, "attribution-run-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @PreDestroy
    void shutDown() {
        active.values().forEach(ActiveRun::requestCancel);
        executor.shutdownNow();
    }

    // --- commands -----------------------------------------------------------------------------------------------

    @CommandHandler
    String handle(StartAttributionRunCommand command, @MetaDataValue(MetadataKeys.ACTOR_ID) String actorId) {
        String runId = command.runId();
        if (runId == null || runId.isBlank()) {
            throw refusal("run_id_required", "A run id is required", ErrorKind.INVALID);
        }
        long head = EventReplay.headPosition(events);
        AttributionRunParameters parameters = normalize(command.parameters(), head);
        if (active.containsKey(runId) || mongo.exists(Query.query(Criteria.where("_id").is(runId)),
                AttributionRunDocument.class).toFuture().join()) {
            throw refusal("attribution_run_exists", "Attribution run " + runId + " exists already", ErrorKind.CONFLICT);
        }
        ActiveRun run = new ActiveRun(runId, parameters, actorId, clock.instant());
        mongo.insert(run.document(run.progress(), clock.instant(), 0, List.of())).toFuture().join();
        active.put(runId, run);
        executor.execute(() -> execute(run));
        return runId;
    }

    @CommandHandler
    void handle(CancelAttributionRunCommand command) {
        ActiveRun run = active.get(command.runId());
        if (run != null && run.requestCancel()) {
            if (run.outcome == ReplayStatus.CANCELLED && run.startedAt == null) {
                // it never started (the worker will skip it): record that off the caller's thread
                CompletableFuture.runAsync(() -> finish(run, null));
            }
            return;
        }
        AttributionRunDocument document = mongo.findById(command.runId(), AttributionRunDocument.class)
                .toFuture().join();
        if (document == null) {
            throw refusal("attribution_run_not_found", "No attribution run " + command.runId(), ErrorKind.NOT_FOUND);
        }
        throw refusal("attribution_run_final", "Attribution run " + command.runId() + " is "
                + presented(document).status() + " already", ErrorKind.CONFLICT);
    }

    // --- queries ------------------------------------------------------------------------------------------------

    @QueryHandler
    CompletableFuture<AttributionRunView> handle(FindAttributionRunQuery query) {
        return view(query.runId(), true).toFuture();
    }

    @QueryHandler
    CompletableFuture<AttributionRunList> handle(FindAttributionRunsQuery query) {
        int limit = query.limit() <= 0 ? 50 : Math.min(query.limit(), MAX_LIST);
        return mongo.find(new Query().with(Sort.by(Sort.Direction.DESC, "requestedAt")).limit(limit),
                        AttributionRunDocument.class)
                .map(document -> toView(presented(document), List.of()))
                .collectList().map(AttributionRunList::new).toFuture();
    }

    @QueryHandler
    CompletableFuture<ReplayProgress> handle(FindReplayProgressQuery query) {
        ActiveRun run = active.get(query.runId());
        if (run != null) {
            return CompletableFuture.completedFuture(run.progress());
        }
        return mongo.findById(query.runId(), AttributionRunDocument.class)
                .map(document -> presented(document).progress()).toFuture();
    }

    @QueryHandler
    CompletableFuture<AttributionComparison> handle(CompareAttributionRunsQuery query) {
        return view(query.runIdA(), true).zipWith(view(query.runIdB(), true))
                .map(pair -> new AttributionComparison(withoutRows(pair.getT1()), withoutRows(pair.getT2()),
                        AttributionReport.compare(pair.getT1().rows(), pair.getT2().rows())))
                .toFuture();
    }

    // --- the run ------------------------------------------------------------------------------------------------

    private void execute(ActiveRun run) {
        if (!run.start(clock.instant())) {
            return;
        }
        save(run, 0, List.of());
        emit(run);
        ProgramHistory history = new ProgramHistory();
        try {
            EventReplay.Outcome outcome = EventReplay.run(events, run.counter, run.parameters.asOf(),
                    ProgramHistory.EVENT_TYPES, history::apply, () -> run.cancelRequested, () -> tick(run));
            if (outcome == EventReplay.Outcome.CANCELLED) {
                run.end(ReplayStatus.CANCELLED, "Cancelled on request", clock.instant());
                finish(run, null);
                return;
            }
            AttributionRunParameters p = run.parameters;
            AttributionReport.Result result = AttributionReport.compute(history, p.model(), p.weights(), p.from(),
                    p.to(), p.filters());
            int chunks = saveRows(run.runId, result.rows());
            if (!run.complete(clock.instant())) {
                deleteRows(run.runId);
                finish(run, null);
                return;
            }
            finish(run, new Completion(chunks, result));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            run.end(ReplayStatus.CANCELLED, "Stopped with the service", clock.instant());
            deleteRows(run.runId);
            finish(run, null);
        } catch (RuntimeException failure) {
            LOG.warn("Attribution run {} failed", run.runId, failure);
            run.end(ReplayStatus.FAILED, "The run failed: " + failure.getMessage(), clock.instant());
            deleteRows(run.runId);
            finish(run, null);
        }
    }

    private record Completion(int chunks, AttributionReport.Result result) {
    }

    private void tick(ActiveRun run) {
        long now = System.nanoTime();
        if (now - run.lastEmit >= EMIT_EVERY_NANOS) {
            run.lastEmit = now;
            emit(run);
        }
        if (now - run.lastSave >= SAVE_EVERY_NANOS) {
            run.lastSave = now;
            save(run, 0, List.of());
        }
    }

    private void finish(ActiveRun run, Completion completion) {
        try {
            ReplayProgress last = run.progress(run.outcome);
            if (completion == null) {
                mongo.save(run.document(last, clock.instant(), 0, List.of())).block();
            } else {
                mongo.save(run.document(last, clock.instant(), completion.chunks(), completion.result().totals()
                        .stream().map(AttributionRunDocument.TotalLine::of).toList())).block();
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not save the end of attribution run {}", run.runId, e);
        } finally {
            run.publish();
            active.remove(run.runId);
            emit(run);
            emitter.complete(FindReplayProgressQuery.class, query -> run.runId.equals(query.runId()));
        }
    }

    private void save(ActiveRun run, int chunks, List<AttributionRunDocument.TotalLine> totals) {
        mongo.save(run.document(run.progress(), clock.instant(), chunks, totals)).block();
    }

    private void emit(ActiveRun run) {
        ReplayProgress progress = run.progress();
        emitter.emit(FindReplayProgressQuery.class, query -> run.runId.equals(query.runId()), progress);
    }

    private int saveRows(String runId, List<AttributionRow> rows) {
        int chunks = 0;
        for (int from = 0; from < rows.size(); from += AttributionRowsDocument.CHUNK_SIZE) {
            List<AttributionRowsDocument.Line> lines = rows.subList(from,
                            Math.min(rows.size(), from + AttributionRowsDocument.CHUNK_SIZE)).stream()
                    .map(AttributionRowsDocument.Line::of).toList();
            mongo.save(new AttributionRowsDocument(AttributionRowsDocument.id(runId, chunks), runId, chunks, lines))
                    .block();
            chunks++;
        }
        return chunks;
    }

    private void deleteRows(String runId) {
        try {
            mongo.remove(Query.query(Criteria.where("runId").is(runId)), AttributionRowsDocument.class).block();
        } catch (RuntimeException e) {
            LOG.warn("Could not remove the rows of attribution run {}", runId, e);
        }
    }

    // --- reading ------------------------------------------------------------------------------------------------

    private Mono<AttributionRunView> view(String runId, boolean withRows) {
        ActiveRun run = active.get(runId);
        if (run != null) {
            return Mono.just(toView(run.document(run.progress(), clock.instant(), 0, List.of()), List.of()));
        }
        return mongo.findById(runId, AttributionRunDocument.class).map(this::presented).flatMap(document -> {
            if (!withRows || document.status() != ReplayStatus.COMPLETED) {
                return Mono.just(toView(document, List.of()));
            }
            return Flux.range(0, document.rowChunks())
                    .concatMap(chunk -> mongo.findById(AttributionRowsDocument.id(runId, chunk),
                            AttributionRowsDocument.class))
                    .flatMapIterable(AttributionRowsDocument::rows)
                    .map(AttributionRowsDocument.Line::toRow)
                    .collectList()
                    .map(rows -> toView(document, rows));
        });
    }

    /** A run that is not final, not running here, and silent for longer than {@link #STALE} was interrupted. */
    private AttributionRunDocument presented(AttributionRunDocument document) {
        if (document.status().isFinal() || active.containsKey(document.id())) {
            return document;
        }
        Instant heartbeat = document.heartbeatAt() == null ? document.requestedAt() : document.heartbeatAt();
        if (heartbeat != null && heartbeat.plus(STALE).isAfter(clock.instant())) {
            return document;
        }
        ReplayProgress last = document.progress();
        return document.with(new ReplayProgress(last.runId(), ReplayStatus.FAILED, last.eventsProcessed(),
                last.totalEvents(), last.position(), last.stopPosition(), last.percent(), 0, null, last.startedAt(),
                null, "Interrupted: the service stopped while the run was working"), document.heartbeatAt(), 0,
                List.of());
    }

    private static AttributionRunView toView(AttributionRunDocument document, List<AttributionRow> rows) {
        boolean complete = document.status() == ReplayStatus.COMPLETED;
        return new AttributionRunView(document.id(), document.parameters(), document.requestedBy(),
                document.requestedAt(), document.progress(), complete, complete ? rows : List.of(),
                complete && document.totals() != null
                        ? document.totals().stream().map(AttributionRunDocument.TotalLine::toTotal).toList()
                        : List.of());
    }

    private static AttributionRunView withoutRows(AttributionRunView view) {
        return new AttributionRunView(view.runId(), view.parameters(), view.requestedBy(), view.requestedAt(),
                view.progress(), view.complete(), List.of(), view.totals());
    }

    // --- parameters ---------------------------------------------------------------------------------------------

    /**
     * Defaults filled in and checked: model required; weights non-negative (60/30/10 when WEIGHTED and none given,
     * dropped for the other models); {@code from} not after {@code to}; {@code asOf} defaults to now and is kept to
     * the millisecond (as stored); the stop position defaults to the head of the stream and may not lie beyond it.
     */
    AttributionRunParameters normalize(AttributionRunParameters parameters, long head) {
        if (parameters == null || parameters.model() == null) {
            throw refusal("model_required", "An attribution model is required: "
                    + java.util.Arrays.toString(AttributionModel.values()), ErrorKind.INVALID);
        }
        TouchWeights weights = parameters.weights();
        if (parameters.model() == AttributionModel.WEIGHTED) {
            weights = weights == null ? TouchWeights.DEFAULT : weights;
            if (weights.sourced() < 0 || weights.influenced() < 0 || weights.delivered() < 0) {
                throw refusal("invalid_weights", "Touch weights must not be negative", ErrorKind.INVALID);
            }
        } else {
            weights = null;
        }
        if (parameters.from() != null && parameters.to() != null && parameters.from().isAfter(parameters.to())) {
            throw refusal("invalid_period", "'from' " + parameters.from() + " is after 'to' " + parameters.to(),
                    ErrorKind.INVALID);
        }
        ReportFilters filters = parameters.filters() == null ? ReportFilters.NONE : parameters.filters();
        if (filters.currency() != null) {
            try {
                Currency.getInstance(filters.currency().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException unknown) {
                throw refusal("invalid_currency", "Unknown currency " + filters.currency(), ErrorKind.INVALID);
            }
        }
        Instant asOf = (parameters.asOf() == null ? clock.instant() : parameters.asOf()).truncatedTo(ChronoUnit.MILLIS);
        Long until = parameters.untilPosition();
        if (until != null && (until < -1 || until > head)) {
            throw refusal("invalid_position", "The stop position " + until + " is not between -1 and the head of the "
                    + "event stream, " + head, ErrorKind.INVALID);
        }
        return new AttributionRunParameters(parameters.model(), weights, parameters.from(), parameters.to(), asOf,
                filters, until == null ? head : until);
    }

    private static CommandExecutionException refusal(String code, String message, ErrorKind kind) {
        return new CommandExecutionException(message, null, new ErrorDetails(code, message, kind));
    }

    /**
     * A run this instance is working on (or has queued). Its final state is decided once ({@code outcome}, under the
     * run's lock) and shown ({@code status}) only after it has been saved, so nobody sees COMPLETED before the rows
     * and totals are stored.
     */
    private final class ActiveRun {
        final String runId;
        final AttributionRunParameters parameters;
        final String requestedBy;
        final Instant requestedAt;
        final EventReplay.Counter counter;
        volatile ReplayStatus status = ReplayStatus.QUEUED;
        volatile ReplayStatus outcome;
        volatile boolean cancelRequested;
        volatile Instant startedAt;
        volatile Instant finishedAt;
        volatile String message;
        long startedNanos;
        long lastEmit;
        long lastSave;

        ActiveRun(String runId, AttributionRunParameters parameters, String requestedBy, Instant requestedAt) {
            this.runId = runId;
            this.parameters = parameters;
            this.requestedBy = requestedBy;
            this.requestedAt = requestedAt;
            this.counter = new EventReplay.Counter(parameters.untilPosition());
        }

        synchronized boolean start(Instant now) {
            if (outcome != null) {
                return false;
            }
            status = ReplayStatus.RUNNING;
            startedAt = now;
            startedNanos = System.nanoTime();
            lastEmit = startedNanos;
            lastSave = startedNanos;
            return true;
        }

        /** False when the run's end is decided already. A queued run ends at once; a running one at its next event. */
        synchronized boolean requestCancel() {
            if (outcome != null) {
                return false;
            }
            cancelRequested = true;
            if (status == ReplayStatus.QUEUED) {
                end(ReplayStatus.CANCELLED, "Cancelled on request before it started", clock.instant());
            }
            return true;
        }

        /** COMPLETED unless a cancellation came first (then CANCELLED); answers whether it completed. */
        synchronized boolean complete(Instant now) {
            if (cancelRequested) {
                end(ReplayStatus.CANCELLED, "Cancelled on request", now);
                return false;
            }
            end(ReplayStatus.COMPLETED, null, now);
            return true;
        }

        synchronized void end(ReplayStatus finalStatus, String why, Instant now) {
            outcome = finalStatus;
            message = why;
            finishedAt = now;
        }

        /** Shows the decided end: after it has been saved. */
        void publish() {
            status = outcome;
        }

        /** As shown now. */
        ReplayProgress progress() {
            return progress(status);
        }

        ReplayProgress progress(ReplayStatus shown) {
            long processed = counter.eventsProcessed;
            if (shown == ReplayStatus.COMPLETED) {
                return new ReplayProgress(runId, shown, processed, processed, counter.position,
                        counter.stopPosition, 100, rate(processed), 0L, startedAt, finishedAt, message);
            }
            boolean ended = shown.isFinal();
            long total = counter.totalEstimate();
            double rate = rate(processed);
            Long eta = !ended && shown == ReplayStatus.RUNNING && rate > 0
                    ? Math.round(Math.max(0, total - processed) / rate) : null;
            double percent = shown == ReplayStatus.QUEUED ? 0 : Math.min(99.9, counter.percent());
            return new ReplayProgress(runId, shown, processed, total, counter.position, counter.stopPosition,
                    percent, rate, eta, startedAt, ended ? finishedAt : null, ended ? message : null);
        }

        private double rate(long processed) {
            if (startedAt == null) {
                return 0;
            }
            double seconds = (System.nanoTime() - startedNanos) / 1e9;
            return seconds <= 0 ? 0 : Math.round(processed / seconds * 10) / 10.0;
        }

        AttributionRunDocument document(ReplayProgress progress, Instant heartbeat, int chunks,
                                        List<AttributionRunDocument.TotalLine> totals) {
            return new AttributionRunDocument(runId, parameters, requestedBy, requestedAt, progress.status(),
                    progress.eventsProcessed(), progress.totalEvents(), progress.position(), progress.stopPosition(),
                    progress.percent(), progress.eventsPerSecond(), progress.etaSeconds(), progress.startedAt(),
                    progress.finishedAt(), heartbeat, progress.message(), chunks, new ArrayList<>(totals));
        }
    }
}
