package io.channelbook.ui.standalone;

import io.channelbook.ui.StandaloneIntegrationTest;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.Registration;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Axon's timeouts are off in the application: no handler is wrapped in a timer, and a command's unit of work runs
 * without one (Axon's default records the thread's stack and schedules a task for every handler invocation and unit
 * of work, and would interrupt a projection writing its batch).
 */
class HandlerTimeoutsIT extends StandaloneIntegrationTest {

    /** The resource Axon's unit-of-work timer keeps its task under. */
    private static final String TIME_LIMIT = "_transactionTimeLimit";

    @Autowired
    private ApplicationContext context;
    @Autowired
    private CommandBus commandBus;
    @Autowired
    private CommandGateway commands;

    @Test
    void aCommandsUnitOfWorkRunsWithoutATimer() {
        Registration probe = commandBus.subscribe("channelbook.test.timeoutProbe",
                message -> new TreeSet<>(CurrentUnitOfWork.get().root().resources().keySet()));
        try {
            Set<String> resources = commands.sendAndWait(
                    new GenericCommandMessage<>(new GenericMessage<>("probe"), "channelbook.test.timeoutProbe"));
            assertThat(resources).isNotNull().doesNotContain(TIME_LIMIT);
        } finally {
            probe.cancel();
        }
    }

    @Test
    void noHandlerIsWrappedInATimer() {
        assertThat(context.getBeansOfType(HandlerEnhancerDefinition.class).values())
                .noneMatch(definition -> definition.getClass().getName().startsWith("org.axonframework.messaging.timeout"));
    }
}
