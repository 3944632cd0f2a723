package io.channelbook.query.report;

import io.channelbook.api.report.AttributionModel;
import io.channelbook.api.report.CommissionRoiReport;
import io.channelbook.api.report.FindCommissionRoiQuery;
import io.channelbook.api.report.FindPipelineContributionQuery;
import io.channelbook.api.report.FindRevenueOverTimeQuery;
import io.channelbook.api.report.FindTierProgressQuery;
import io.channelbook.api.report.PipelineContributionReport;
import io.channelbook.api.report.RevenueOverTimeReport;
import io.channelbook.api.report.TierProgressReport;
import io.channelbook.api.report.TierThreshold;
import io.channelbook.api.report.TouchWeights;
import jakarta.annotation.PreDestroy;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The program reports. Each request replays the event history from its beginning up to the head of the stream (and
 * its as-of instant, default now) into a fresh {@link ProgramHistory} and computes the report from it, so a report
 * depends on the events alone and the same as-of gives the same answer. Replays run one at a time on their own thread.
 */
@Component
class ProgramReportHandlers {

    private final StreamableMessageSource<TrackedEventMessage<?>> events;
    private final Clock clock;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "program-report");
        thread.setDaemon(true);
        return thread;
    });

    @Autowired
    ProgramReportHandlers(EventStore eventStore, Clock clock) {
        this((StreamableMessageSource<TrackedEventMessage<?>>) eventStore, clock);
    }

    ProgramReportHandlers(StreamableMessageSource<TrackedEventMessage<?>> events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    @PreDestroy
    void shutDown() {
        executor.shutdownNow();
    }

    @QueryHandler
    CompletableFuture<PipelineContributionReport> handle(FindPipelineContributionQuery query) {
        return replay(query.asOf(), (history, asOf, position) -> new PipelineContributionReport(asOf, position,
                ProgramReports.pipeline(history, query.filters())));
    }

    @QueryHandler
    CompletableFuture<RevenueOverTimeReport> handle(FindRevenueOverTimeQuery query) {
        return replay(query.asOf(), (history, asOf, position) -> new RevenueOverTimeReport(asOf, position,
                ProgramReports.revenueOverTime(history, query.from(), query.to(), query.filters())));
    }

    @QueryHandler
    CompletableFuture<CommissionRoiReport> handle(FindCommissionRoiQuery query) {
        AttributionModel model = query.model() == null ? AttributionModel.WEIGHTED : query.model();
        TouchWeights weights = model != AttributionModel.WEIGHTED ? null
                : query.weights() == null ? TouchWeights.DEFAULT : query.weights();
        return replay(query.asOf(), (history, asOf, position) -> {
            ProgramReports.Roi roi = ProgramReports.commissionRoi(history, query.from(), query.to(), model, weights,
                    query.filters());
            return new CommissionRoiReport(asOf, position, model, weights, roi.partners(), roi.tiers());
        });
    }

    @QueryHandler
    CompletableFuture<TierProgressReport> handle(FindTierProgressQuery query) {
        List<TierThreshold> thresholds = query.thresholds() == null ? List.of()
                : query.thresholds();
        return replay(query.asOf(), (history, asOf, position) -> new TierProgressReport(asOf, position,
                query.from(), query.to(), thresholds,
                ProgramReports.tierProgress(history, query.from(), query.to(), thresholds, query.filters())));
    }

    interface Report<R> {
        R of(ProgramHistory history, Instant asOf, long position);
    }

    private <R> CompletableFuture<R> replay(Instant requestedAsOf, Report<R> report) {
        return CompletableFuture.supplyAsync(() -> {
            Instant asOf = (requestedAsOf == null ? clock.instant() : requestedAsOf).truncatedTo(ChronoUnit.MILLIS);
            long stopPosition = EventReplay.headPosition(events);
            ProgramHistory history = new ProgramHistory();
            EventReplay.Counter counter = new EventReplay.Counter(stopPosition);
            try {
                EventReplay.run(events, counter, asOf, ProgramHistory.EVENT_TYPES, history::apply, () -> false,
                        () -> { });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("The report was interrupted while reading the event stream", e);
            }
            return report.of(history, asOf, stopPosition);
        }, executor);
    }
}
