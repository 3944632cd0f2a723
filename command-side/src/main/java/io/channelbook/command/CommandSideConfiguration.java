package io.channelbook.command;

import io.channelbook.api.common.MetadataKeys;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.beans.factory.annotation.Autowired;
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
     */
    @Autowired
    void retryProcessManagerFailures(EventProcessingConfigurer processing) {
        processing.registerListenerInvocationErrorHandler("commission-process",
                configuration -> PropagatingErrorHandler.instance());
        processing.registerTransactionManager("commission-process", configuration -> NoTransactionManager.instance());
    }

    /** Axon's correlation and trace ids; declared here because Axon drops its default once any provider exists. */
    @Bean
    public CorrelationDataProvider messageOriginProvider() {
        return new MessageOriginProvider();
    }
}
