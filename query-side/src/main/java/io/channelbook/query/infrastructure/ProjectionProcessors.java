package io.channelbook.query.infrastructure;

import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import java.util.Set;
import java.util.TreeSet;

/**
 * How every projection of the query side is processed (each {@link ProcessingGroup} in {@code io.channelbook.query}):
 * <ul>
 *   <li><b>Batches</b> of up to {@code channelbook.projections.batch-size} events (default 500) per unit of work, or
 *   {@code channelbook.projections.<group>.batch-size} for one processing group. A processor with Axon's default batch
 *   of one stored its token after every handled event and after every ten events it skipped: most of a replay's time
 *   went into token writes. Live, a batch is whatever has arrived, so latency does not grow. The projections that
 *   read and write their documents once per batch ({@link DocumentBatch}) gain from larger ones: the ledger's default
 *   is 20,000 events, so a replay writes each partner's balance, month and entry list once per ~3,000 ledger events
 *   instead of once per ~75 (its rebuild at 200 partners took half the time with 5,000 than with 500, BENCHMARKS.md).
 *   The other projections that batch their documents (partners, deals, customer claims) are configured with 5,000:
 *   Axon's tracking processor reads at most ten times the batch size of events per loop and stores the token after
 *   each, even when none of them was for the group, so a replay of events most of which a group skips stored it
 *   every 5,000 events with 500 (the partner rebuilds ran 20-47% faster with 5,000, BENCHMARKS.md session 8).
 *   A projection that writes per event keeps 500, so one unit of work stays short (Axon's timeouts, which would
 *   interrupt a long one, are off: README).</li>
 *   <li><b>Tokens after processing.</b> Read models and tokens live in MongoDB, outside any SQL transaction; with the
 *   standalone mode's JDBC transaction manager Axon would store each batch's token <em>before</em> handling it, so a
 *   failure would skip the batch. Without a transaction manager the token is stored once the batch is applied.</li>
 *   <li><b>Failures propagate</b>: a projection that cannot write (MongoDB away) retries the batch with back-off
 *   instead of logging and skipping events. Every projection is idempotent, so a batch applied twice changes
 *   nothing.</li>
 *   <li><b>Segments</b>: one per processing group ({@code channelbook.projections.<group>.segments} for more). The
 *   ledger has two: its documents each belong to one partner's ledger, whose events one segment handles in order,
 *   and with two threads its reads, mapping and writes overlap on two cores (BENCHMARKS.md).</li>
 * </ul>
 * A processor configured by name under {@code axon.eventhandling.processors} keeps what is configured there.
 */
@Configuration
class ProjectionProcessors {

    @Autowired
    void configure(EventProcessingConfigurer processing, ListableBeanFactory beans, Environment environment,
                   @Value("${channelbook.projections.batch-size:500}") int defaultBatchSize) {
        for (String group : groups(beans)) {
            int batchSize = batchSize(environment, group, defaultBatchSize);
            int segments = segments(environment, group);
            processing.registerTransactionManager(group, configuration -> NoTransactionManager.instance());
            processing.registerTrackingEventProcessorConfiguration(group, configuration ->
                    TrackingEventProcessorConfiguration.forParallelProcessing(segments)
                            .andInitialSegmentsCount(segments).andBatchSize(batchSize));
            processing.registerListenerInvocationErrorHandler(group, configuration -> PropagatingErrorHandler.instance());
        }
    }

    /** {@code channelbook.projections.<group>.batch-size}, else the default; at least 1. */
    static int batchSize(Environment environment, String group, int defaultBatchSize) {
        int batchSize = environment.getProperty("channelbook.projections." + group + ".batch-size", Integer.class,
                defaultBatchSize);
        if (batchSize < 1) {
            throw new IllegalArgumentException("channelbook.projections." + group + ".batch-size must be at least 1, not "
                    + batchSize);
        }
        return batchSize;
    }

    /**
     * {@code channelbook.projections.<group>.segments}, else 1: the segments (one thread each) a processing group's
     * events are split into, by aggregate. Only for a projection whose documents each belong to one aggregate's
     * events. Applies where the group has no tokens yet (a new data dir); an existing group keeps its segments.
     */
    static int segments(Environment environment, String group) {
        String property = "channelbook.projections." + group + ".segments";
        int segments = environment.getProperty(property, Integer.class, 1);
        if (segments < 1) {
            throw new IllegalArgumentException(property + " must be at least 1, not " + segments);
        }
        return segments;
    }

    /** The processing groups of the query side's projections, found without creating the beans. */
    static Set<String> groups(ListableBeanFactory beans) {
        Set<String> groups = new TreeSet<>();
        for (String name : beans.getBeanNamesForAnnotation(ProcessingGroup.class)) {
            Class<?> type = beans.getType(name);
            ProcessingGroup group = beans.findAnnotationOnBean(name, ProcessingGroup.class);
            if (type != null && group != null && type.getName().startsWith("io.channelbook.query.")) {
                groups.add(group.value());
            }
        }
        return groups;
    }
}
