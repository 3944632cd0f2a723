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

import java.util.Set;
import java.util.TreeSet;

/**
 * How every projection of the query side is processed (each {@link ProcessingGroup} in {@code io.channelbook.query}):
 * <ul>
 *   <li><b>Batches</b> of up to {@code channelbook.projections.batch-size} events (default 500) per unit of work. A
 *   processor with Axon's default batch of one stored its token after every handled event and after every ten events
 *   it skipped: most of a replay's time went into token writes. Live, a batch is whatever has arrived, so latency does
 *   not grow. The ledger projection also reads and writes its documents once per batch.</li>
 *   <li><b>Tokens after processing.</b> Read models and tokens live in MongoDB, outside any SQL transaction; with the
 *   standalone mode's JDBC transaction manager Axon would store each batch's token <em>before</em> handling it, so a
 *   failure would skip the batch. Without a transaction manager the token is stored once the batch is applied.</li>
 *   <li><b>Failures propagate</b>: a projection that cannot write (MongoDB away) retries the batch with back-off
 *   instead of logging and skipping events. Every projection is idempotent, so a batch applied twice changes
 *   nothing.</li>
 * </ul>
 * A processor configured by name under {@code axon.eventhandling.processors} keeps what is configured there.
 */
@Configuration
class ProjectionProcessors {

    @Autowired
    void configure(EventProcessingConfigurer processing, ListableBeanFactory beans,
                   @Value("${channelbook.projections.batch-size:500}") int batchSize) {
        for (String group : groups(beans)) {
            processing.registerTransactionManager(group, configuration -> NoTransactionManager.instance());
            processing.registerTrackingEventProcessorConfiguration(group, configuration ->
                    TrackingEventProcessorConfiguration.forSingleThreadedProcessing().andBatchSize(batchSize));
            processing.registerListenerInvocationErrorHandler(group, configuration -> PropagatingErrorHandler.instance());
        }
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
