package io.channelbook.ui.standalone;

import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.JdbcEventStorageEngineStatements;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The gap read on a real H2 event table: the same events as Axon's statement, found through the primary key. */
class IndexedGapQueryTest {

    private final EventSchema schema = EventSchema.builder().build();
    private Connection connection;

    @BeforeEach
    void setUp() throws SQLException {
        connection = DriverManager.getConnection("jdbc:h2:mem:" + UUID.randomUUID());
        H2EventTableFactory.INSTANCE.createDomainEventTable(connection, schema).execute();
        for (long index = 1; index <= 40; index++) {
            if (index != 12 && index != 15) {
                insert(index);
            }
        }
    }

    @AfterEach
    void tearDown() throws SQLException {
        connection.close();
    }

    @Test
    void readsTheRangeAfterTheTokenAndTheGapsThatFilledInAsAxonsStatementDoes() throws SQLException {
        // a token at 16 that still waits for 12 and 15
        assertThat(indexes(IndexedGapQuery.INSTANCE.build(connection, schema, 16, 5, List.of(12L, 15L))))
                .containsExactly(17L, 18L, 19L, 20L, 21L);

        insert(15);

        List<Long> ours = indexes(IndexedGapQuery.INSTANCE.build(connection, schema, 16, 5, List.of(12L, 15L)));
        assertThat(ours).containsExactly(15L, 17L, 18L, 19L, 20L, 21L);
        assertThat(ours).isEqualTo(indexes(
                JdbcEventStorageEngineStatements.readEventDataWithGaps(connection, schema, 16, 5, List.of(12L, 15L))));
    }

    @Test
    void h2LooksBothPartsUpInThePrimaryKeyWhereAxonsStatementWalksAllOfIt() throws SQLException {
        String ours = plan(IndexedGapQuery.sql(schema, 2));
        String axons = plan("SELECT " + schema.trackedEventFields() + " FROM " + schema.domainEventTable()
                + " WHERE (" + schema.globalIndexColumn() + " > ? AND " + schema.globalIndexColumn() + " <= ?) OR "
                + schema.globalIndexColumn() + " IN (?,?) ORDER BY " + schema.globalIndexColumn() + " ASC");

        // H2 names the index it walks and, after a colon, the conditions it looks up in it
        assertThat(ours).contains("PRIMARY_KEY_B: GLOBALINDEX > ?1", "PRIMARY_KEY_B: GLOBALINDEX IN(?3, ?4)");
        assertThat(axons).contains("PRIMARY_KEY_B */").doesNotContain("PRIMARY_KEY_B:");
    }

    private String plan(String sql) throws SQLException {
        try (PreparedStatement explain = connection.prepareStatement("EXPLAIN " + sql)) {
            explain.setLong(1, 16);
            explain.setLong(2, 21);
            explain.setLong(3, 12);
            explain.setLong(4, 15);
            try (ResultSet plan = explain.executeQuery()) {
                plan.next();
                return plan.getString(1);
            }
        }
    }

    private void insert(long index) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + schema.domainEventTable()
                + " (" + schema.globalIndexColumn() + ", " + schema.eventIdentifierColumn() + ", "
                + schema.aggregateIdentifierColumn() + ", " + schema.sequenceNumberColumn() + ", "
                + schema.typeColumn() + ", " + schema.timestampColumn() + ", " + schema.payloadTypeColumn() + ", "
                + schema.payloadColumn() + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, index);
            insert.setString(2, UUID.randomUUID().toString());
            insert.setString(3, "aggregate-" + index);
            insert.setLong(4, 0);
            insert.setString(5, "Aggregate");
            insert.setString(6, "2026-11-27T10:00:00Z");
            insert.setString(7, "Event");
            insert.setBytes(8, new byte[]{1});
            insert.executeUpdate();
        }
    }

    private static List<Long> indexes(PreparedStatement statement) throws SQLException {
        List<Long> indexes = new ArrayList<>();
        try (statement; ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                indexes.add(rows.getLong("globalIndex"));
            }
        }
        return indexes;
    }
}
