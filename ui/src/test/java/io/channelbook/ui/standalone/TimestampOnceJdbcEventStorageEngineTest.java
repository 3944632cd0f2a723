package io.channelbook.ui.standalone;

import org.axonframework.common.DateTimeUtils;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The engine that parses each timestamp once reads what Axon's own engine reads: tokens, gaps, times, payloads. */
class TimestampOnceJdbcEventStorageEngineTest {

    private static final int GAP_TIMEOUT = 60_000;
    private static final int MAX_GAP_OFFSET = 10_000;

    private final String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    private final ConnectionProvider connections = () -> DriverManager.getConnection(url);
    private Connection keepAlive;

    @BeforeEach
    void setUp() throws SQLException {
        keepAlive = DriverManager.getConnection(url);
        H2EventTableFactory.INSTANCE.createDomainEventTable(keepAlive, EventSchema.builder().build()).execute();
    }

    @AfterEach
    void tearDown() throws SQLException {
        try (Statement shutdown = keepAlive.createStatement()) {
            shutdown.execute("SHUTDOWN");
        }
    }

    /** In batches of four, so that with read-ahead every batch after the first full one was read ahead. */
    @ParameterizedTest(name = "read ahead: {0}")
    @ValueSource(booleans = {false, true})
    void readsTheSameTokensGapsTimestampsAndPayloadsAsAxonsEngine(boolean readAhead) throws SQLException {
        JdbcEventStorageEngine axons = builder().build();
        TimestampOnceJdbcEventStorageEngine ours = new TimestampOnceJdbcEventStorageEngine(builder(), GAP_TIMEOUT,
                MAX_GAP_OFFSET, 1, readAhead);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<GenericDomainEventMessage<String>> events = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            // the first twenty are older than the gap timeout (their gaps are given up), the last ten are recent
            Instant at = i < 20 ? now.minus(Duration.ofHours(30 - i)) : now.minusMillis(30 - i);
            events.add(new GenericDomainEventMessage<>("Partner", "partner-" + (i % 3), i / 3,
                    new GenericMessage<>("event " + i, MetaData.with("n", i)), at));
        }
        axons.appendEvents(events);
        // gaps: an old one (index 5) and two recent ones (24, 27), as transactions that never committed leave them
        try (Statement delete = keepAlive.createStatement()) {
            delete.executeUpdate("DELETE FROM DomainEventEntry WHERE globalIndex IN (5, 24, 27)");
        }

        List<? extends TrackedEventMessage<?>> expected = axons.readEvents(null, false).toList();
        List<? extends TrackedEventMessage<?>> actual = ours.readEvents(null, false).toList();
        ours.close();

        assertThat(actual).hasSize(27);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i).trackingToken()).as("token of event %d", i)
                    .isEqualTo(expected.get(i).trackingToken());
            assertThat(actual.get(i).getTimestamp()).isEqualTo(expected.get(i).getTimestamp());
            assertThat(actual.get(i).getIdentifier()).isEqualTo(expected.get(i).getIdentifier());
            assertThat(actual.get(i).getPayload()).isEqualTo(expected.get(i).getPayload());
            assertThat(actual.get(i).getMetaData()).isEqualTo(expected.get(i).getMetaData());
        }
        // the recent gaps are still awaited, the old one was given up
        assertThat(actual.get(actual.size() - 1).trackingToken().toString()).contains("gaps=[24, 27]");
    }

    @Test
    void parsesWhatAxonWritesAsAxonDoes() {
        Random random = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            Instant instant = Instant.ofEpochMilli(random.nextLong(-62_000_000_000_000L, 253_000_000_000_000L));
            String text = DateTimeUtils.formatInstant(instant);

            assertThat(TimestampOnceJdbcEventStorageEngine.parse(text)).as(text)
                    .isEqualTo(DateTimeUtils.parseInstant(text))
                    .isEqualTo(instant);
        }
    }

    @Test
    void leavesAnyOtherTextToAxonsParser() {
        for (String text : List.of("2026-11-27T16:40:10.123+01:00", "2026-11-27T15:40:10Z", "2026-11-27T15:40:10.123456Z",
                "+12026-11-27T15:40:10.123Z", "2026-11-27t15:40:10.123z")) {
            assertThat(TimestampOnceJdbcEventStorageEngine.parse(text)).as(text)
                    .isEqualTo(DateTimeUtils.parseInstant(text));
        }
        for (String text : List.of("2026-02-30T15:40:10.123Z", "2026-13-27T15:40:10.123Z", "2026-1x-27T15:40:10.123Z")) {
            assertThatThrownBy(() -> TimestampOnceJdbcEventStorageEngine.parse(text)).as(text)
                    .isInstanceOf(DateTimeParseException.class);
        }
    }

    private JdbcEventStorageEngine.Builder builder() {
        return JdbcEventStorageEngine.builder()
                .snapshotSerializer(JacksonSerializer.defaultSerializer())
                .eventSerializer(JacksonSerializer.defaultSerializer())
                .connectionProvider(connections)
                .transactionManager(NoTransactionManager.INSTANCE)
                .gapTimeout(GAP_TIMEOUT)
                .maxGapOffset(MAX_GAP_OFFSET)
                .lowestGlobalSequence(1)
                .batchSize(4)
                .readEventDataWithGaps(IndexedGapQuery.INSTANCE);
    }
}
