package io.channelbook.query.infrastructure.rebuild;

import io.channelbook.api.common.ErrorDetails;
import io.channelbook.api.common.ErrorKind;
import io.channelbook.api.common.MetadataKeys;
import io.channelbook.api.report.FindRebuildQuery;
import io.channelbook.api.report.FindRebuildsQuery;
import io.channelbook.api.report.RebuildList;
import io.channelbook.api.report.RebuildReadModelCommand;
import io.channelbook.api.report.RebuildStatus;
import io.channelbook.api.report.ReplayStatus;
import jakarta.annotation.PreDestroy;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Rebuilds a live read model on request: shuts its processing group's processor down, resets its tokens (the
 * projection's reset handler drops its documents) and starts it again, then follows the replay until every segment
 * has caught up with the head of the stream as it was when the rebuild started.
 * <p>
 * Only the query side's own projections may be rebuilt ({@code channelbook.rebuild.groups}): a reset of the command
 * side's commission process manager would send its commands again. While a rebuild runs, the read model is
 * incomplete (emptied, then refilling in event order); {@link FindRebuildsQuery} tells which groups are rebuilding so
 * that readers can say so. Rebuilds are tracked in memory: after a restart the processor simply carries on from its
 * saved token, and its status is no longer shown.
 */
@Component
class ReadModelRebuilds {

    private static final Logger LOG = LoggerFactory.getLogger(ReadModelRebuilds.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final ObjectProvider<EventProcessingConfiguration> processing;
    private final EventStore eventStore;
    private final QueryUpdateEmitter emitter;
    private final Clock clock;
    private final List<String> groups;
    private final Duration timeout;
    private final Map<String, RebuildStatus> rebuilds = new ConcurrentHashMap<>();
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "read-model-rebuild");
        thread.setDaemon(true);
        return thread;
    });

    ReadModelRebuilds(ObjectProvider<EventProcessingConfiguration> processing, EventStore eventStore,
                      QueryUpdateEmitter emitter, Clock clock,
                      @Value("${channelbook.rebuild.groups:partner-list,partner-detail,deal-list,deal-detail,"
                              + "customer-claims,commission-plans,ledger,audit-trail}") List<String> groups,
                      @Value("${channelbook.rebuild.timeout:30m}") Duration timeout) {
        this.processing = processing;
        this.eventStore = eventStore;
        this.emitter = emitter;
        this.clock = clock;
        this.groups = List.copyOf(groups);
        this.timeout = timeout;
    }

    @PreDestroy
    void shutDown() {
        executor.shutdownNow();
    }

    @CommandHandler
    void handle(RebuildReadModelCommand command, @MetaDataValue(MetadataKeys.ACTOR_ID) String actorId) {
        String group = command.processingGroup();
        if (group == null || !groups.contains(group)) {
            throw refusal("rebuild_not_allowed", "Processing group " + group + " cannot be rebuilt; these can: "
                    + String.join(", ", groups), ErrorKind.INVALID);
        }
        EventProcessingConfiguration configuration = processing.getIfAvailable();
        StreamingEventProcessor processor = configuration == null ? null
                : configuration.eventProcessor(group, StreamingEventProcessor.class).orElse(null);
        if (processor == null) {
            throw refusal("processing_group_not_found", "No event processor for " + group + " runs here",
                    ErrorKind.NOT_FOUND);
        }
        TrackingToken head = eventStore.createHeadToken();
        long target = head == null ? -1 : head.position().orElse(-1);
        RebuildStatus started = new RebuildStatus(group, ReplayStatus.RUNNING, actorId, clock.instant(), null, target,
                -1, 0, null);
        RebuildStatus previous = rebuilds.compute(group, (key, current) ->
                current != null && current.status() == ReplayStatus.RUNNING ? current : started);
        if (previous != started) {
            throw refusal("rebuild_running", "A rebuild of " + group + " is running already", ErrorKind.CONFLICT);
        }
        emit(started);
        executor.execute(() -> rebuild(processor, started));
    }

    @QueryHandler
    RebuildStatus handle(FindRebuildQuery query) {
        return query.processingGroup() == null ? null : rebuilds.get(query.processingGroup());
    }

    @QueryHandler
    RebuildList handle(FindRebuildsQuery query) {
        return new RebuildList(groups, rebuilds.values().stream()
                .sorted(java.util.Comparator.comparing(RebuildStatus::processingGroup)).toList());
    }

    private void rebuild(StreamingEventProcessor processor, RebuildStatus started) {
        String group = started.processingGroup();
        try {
            processor.shutDown();
            processor.resetTokens();
            processor.start();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                Thread.sleep(POLL.toMillis());
                Map<Integer, EventTrackerStatus> status = processor.processingStatus();
                long position = status.values().stream()
                        .map(EventTrackerStatus::getCurrentPosition)
                        .mapToLong(current -> current.orElse(-1)).min().orElse(-1);
                boolean done = processor.isRunning() && !status.isEmpty()
                        && status.values().stream().allMatch(EventTrackerStatus::isCaughtUp)
                        && position >= started.targetPosition();
                RebuildStatus now = progress(started, done ? ReplayStatus.COMPLETED : ReplayStatus.RUNNING, position,
                        null);
                update(now);
                if (done) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    update(progress(started, ReplayStatus.FAILED, position, "Not caught up within " + timeout));
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            update(progress(started, ReplayStatus.FAILED, -1, "Stopped with the service"));
        } catch (RuntimeException e) {
            LOG.warn("Rebuild of {} failed", group, e);
            update(progress(started, ReplayStatus.FAILED, -1, "The rebuild failed: " + e.getMessage()));
        }
    }

    private RebuildStatus progress(RebuildStatus started, ReplayStatus status, long position, String message) {
        long target = started.targetPosition();
        double percent = status == ReplayStatus.COMPLETED || target < 0 ? 100
                : position < 0 ? 0 : Math.min(99.9, Math.floor(1000.0 * (position + 1) / (target + 1)) / 10);
        return new RebuildStatus(started.processingGroup(), status, started.requestedBy(), started.startedAt(),
                status.isFinal() ? clock.instant() : null, target, position, percent, message);
    }

    private void update(RebuildStatus status) {
        rebuilds.put(status.processingGroup(), status);
        emit(status);
        if (status.status().isFinal()) {
            emitter.complete(FindRebuildQuery.class, query -> status.processingGroup().equals(query.processingGroup()));
        }
    }

    private void emit(RebuildStatus status) {
        emitter.emit(FindRebuildQuery.class, query -> status.processingGroup().equals(query.processingGroup()), status);
    }

    private static CommandExecutionException refusal(String code, String message, ErrorKind kind) {
        return new CommandExecutionException(message, null, new ErrorDetails(code, message, kind));
    }

}
