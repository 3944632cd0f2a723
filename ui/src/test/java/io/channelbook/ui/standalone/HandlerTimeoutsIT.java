package io.channelbook.ui.standalone;

import io.channelbook.ui.StandaloneIntegrationTest;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.annotation.AnnotatedMessageHandlingMember;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.timeout.HandlerTimeoutHandlerEnhancerDefinition;
import org.axonframework.queryhandling.QueryMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application's Axon timeouts: event and command handlers run without Axon's per-invocation timer (which records
 * the caller's stack and schedules a task for every event an aggregate applies or a processor handles, and would
 * interrupt a projection writing its batch in its last event's handler after 30 s); query handlers keep it.
 */
class HandlerTimeoutsIT extends StandaloneIntegrationTest {

    @Autowired
    private HandlerTimeoutHandlerEnhancerDefinition timeouts;

    @Test
    void eventAndCommandHandlersAreNotTimedQueryHandlersAre() throws NoSuchMethodException {
        MessageHandlingMember<Handlers> event = member(EventMessage.class, "on");
        MessageHandlingMember<Handlers> command = member(CommandMessage.class, "handle");
        MessageHandlingMember<Handlers> query = member(QueryMessage.class, "answer");

        assertThat(timeouts.wrapHandler(event)).isSameAs(event);
        assertThat(timeouts.wrapHandler(command)).isSameAs(command);
        assertThat(timeouts.wrapHandler(query)).isNotSameAs(query)
                .extracting(wrapped -> wrapped.getClass().getSimpleName())
                .isEqualTo("TimeoutWrappedMessageHandlingMember");
    }

    private static MessageHandlingMember<Handlers> member(Class<?> messageType, String method)
            throws NoSuchMethodException {
        return new AnnotatedMessageHandlingMember<>(Handlers.class.getDeclaredMethod(method, String.class),
                messageType.asSubclass(org.axonframework.messaging.Message.class), String.class,
                ClasspathParameterResolverFactory.forClass(Handlers.class));
    }

    static class Handlers {

        void on(String event) {
        }

        void handle(String command) {
        }

        String answer(String query) {
            return query;
        }
    }
}
