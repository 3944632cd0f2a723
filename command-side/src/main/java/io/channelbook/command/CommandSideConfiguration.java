package io.channelbook.command;

import io.channelbook.api.common.MetadataKeys;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;

import java.time.Clock;

/**
 * Everything the command side contributes to an application context: its own service in the distributed mode,
 * or the ui's single JVM in the standalone mode.
 */
@Configuration
@ComponentScan(excludeFilters = @ComponentScan.Filter(type = FilterType.ANNOTATION, classes = SpringBootConfiguration.class))
public class CommandSideConfiguration {

    /** The one source of "now" for the command side; tests put a fixed or stepping clock here. */
    @Bean
    public Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * Events (and later deadlines) are stamped by the injected clock. Axon keeps its clock in a static field, so it
     * is set while this context lives and put back when it closes.
     */
    @Bean
    public SmartLifecycle axonEventClock(Clock clock) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                GenericEventMessage.clock = clock;
                running = true;
            }

            @Override
            public void stop() {
                GenericEventMessage.clock = Clock.systemUTC();
                running = false;
            }

            @Override
            public boolean isRunning() {
                return running;
            }

            @Override
            public int getPhase() {
                // before Axon's processors and buses start, after they stop
                return Integer.MIN_VALUE;
            }
        };
    }

    /** Copies who/why metadata from each command onto the events it causes. */
    @Bean
    public CorrelationDataProvider auditMetadataProvider() {
        return new SimpleCorrelationDataProvider(MetadataKeys.PROPAGATED.toArray(String[]::new));
    }

    /**
     * The commission process manager must not skip an event because of a technical failure: the error propagates and
     * its tracking processor retries the event with back-off (domain refusals it handles itself). For that retry to
     * start from the failed event, the token (in MongoDB, outside any SQL transaction) must be stored after the event
     * is handled: with a transaction manager Axon stores it before, so the processor gets none (the commands it sends
     * still run in the command bus's transactions).
     * <p>
     * It handles up to {@code channelbook.command.commission-process.batch-size} events (default 100) per unit of work
     * and stores its token once per batch: with Axon's default of one, storing the token and extending the claim after
     * every event was a quarter of its time (BENCHMARKS.md, session 10). Each command still commits before the next
     * event is handled, so an accrual is not delayed by the batch; a failure retries the batch from its first event,
     * whose commands are idempotent.
     */
    @Autowired
    public void configureCommissionProcess(EventProcessingConfigurer processing,
                                           @Value("${channelbook.command.commission-process.batch-size:100}")
                                           int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException(
                    "channelbook.command.commission-process.batch-size must be at least 1, not " + batchSize);
        }
        processing.registerListenerInvocationErrorHandler("commission-process",
                configuration -> PropagatingErrorHandler.instance());
        processing.registerTransactionManager("commission-process", configuration -> NoTransactionManager.instance());
        processing.registerTrackingEventProcessorConfiguration("commission-process", configuration ->
                TrackingEventProcessorConfiguration.forSingleThreadedProcessing().andBatchSize(batchSize));
    }

    /** Axon's correlation and trace ids; declared here because Axon drops its default once any provider exists. */
    @Bean
    public CorrelationDataProvider messageOriginProvider() {
        return new MessageOriginProvider();
    }
}
