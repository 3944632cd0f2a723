package io.channelbook.ui.standalone;

import io.channelbook.query.infrastructure.ClassCachingJacksonSerializer;
import io.channelbook.ui.StandaloneIntegrationTest;
import io.channelbook.ui.security.SecurityFixtures;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the standalone runtime reads its events: Axon's configuration serializes and deserializes with the serializer
 * that remembers resolved classes, and the storage engine reads streams behind the head ahead, in batches of
 * {@code channelbook.event-store.read-batch-size}; a stream from the start reads every stored event, once, in order.
 */
class EventReadingIT extends StandaloneIntegrationTest {

    @Autowired
    private Configuration axon;
    @Autowired
    private EventStorageEngine engine;
    @Autowired
    private EventStore eventStore;

    @Test
    void axonReadsWithTheCachingSerializerAndTheReadAheadEngine() throws InterruptedException {
        assertThat(axon.eventSerializer()).isInstanceOf(ClassCachingJacksonSerializer.class);
        assertThat(axon.messageSerializer()).isSameAs(axon.eventSerializer());
        assertThat(axon.serializer()).isSameAs(axon.eventSerializer());
        assertThat(engine).isInstanceOf(TimestampOnceJdbcEventStorageEngine.class);
        // a partner registered through the API: its event written, read by the projections, read back below
        new SecurityFixtures(http, anonymous, port).registerPartner("Event Reading Partner");

        long stored = jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry", Long.class);
        long read = 0;
        long lastIndex = -1;
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(null)) {
            while (read < stored && stream.hasNextAvailable(5, TimeUnit.SECONDS)) {
                TrackedEventMessage<?> event = stream.nextAvailable();
                long index = event.trackingToken().position().orElseThrow();
                assertThat(index).isGreaterThan(lastIndex);
                lastIndex = index;
                assertThat(event.getPayload()).isNotNull();
                read++;
            }
        }
        assertThat(read).isEqualTo(stored);
    }
}
