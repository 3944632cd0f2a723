package io.channelbook.ui.standalone;

import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * Axon's JDBC storage engine, reading each event's timestamp once. Axon keeps the timestamp as the text it stored and
 * parses it with {@code java.time}'s ISO formatter every time it is asked: once to decide whether the event may still
 * leave gaps, and again when a processor re-tokens the event (every event of a replay). A profile of a partner
 * read-model rebuild at 144,000 events put half of the processor thread's time in those two parses (BENCHMARKS.md).
 * Here the text Axon wrote ({@link DateTimeUtils#formatInstant}: {@code 2026-11-27T15:40:10.123Z}) is parsed by
 * position, once, and the entry hands out that instant; any other text goes to Axon's parser. The token logic is
 * Axon's {@link JdbcEventStorageEngine#getTrackedEventData}, unchanged.
 * <p>
 * It also reads a tracking stream's next batch ahead while the processor handles the current one, when the stream is
 * reading history, events older than the gap timeout ({@link ReadAhead}); {@link #close()} ends the read-ahead threads.
 */
final class TimestampOnceJdbcEventStorageEngine extends JdbcEventStorageEngine implements AutoCloseable {

    private final long gapTimeoutMillis;
    private final int maxGapOffset;
    private final long lowestGlobalSequence;
    private final ReadAhead readAhead;

    /**
     * @param builder              the engine's settings
     * @param gapTimeoutMillis     the builder's {@code gapTimeout}
     * @param maxGapOffset         the builder's {@code maxGapOffset}
     * @param lowestGlobalSequence the builder's {@code lowestGlobalSequence}
     * @param readAhead            whether a tracking stream reading history has its next batch read ahead
     */
    TimestampOnceJdbcEventStorageEngine(Builder builder, long gapTimeoutMillis, int maxGapOffset,
                                        long lowestGlobalSequence, boolean readAhead) {
        super(builder);
        this.readAhead = readAhead ? new ReadAhead(super::fetchTrackedEvents, () -> GenericEventMessage.clock.instant(),
                Duration.ofMillis(gapTimeoutMillis)) : null;
        this.gapTimeoutMillis = gapTimeoutMillis;
        this.maxGapOffset = maxGapOffset;
        this.lowestGlobalSequence = lowestGlobalSequence;
    }

    @Override
    protected List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken, int batchSize) {
        return readAhead == null ? super.fetchTrackedEvents(lastToken, batchSize) : readAhead.next(lastToken, batchSize);
    }

    @Override
    public void close() {
        if (readAhead != null) {
            readAhead.close();
        }
    }

    @Override
    protected TrackedEventData<?> getTrackedEventData(ResultSet resultSet, GapAwareTrackingToken previousToken)
            throws SQLException {
        EventSchema schema = schema();
        long globalSequence = resultSet.getLong(schema.globalIndexColumn());
        String aggregateIdentifier = resultSet.getString(schema.aggregateIdentifierColumn());
        String eventIdentifier = resultSet.getString(schema.eventIdentifierColumn());
        Object storedTimestamp = readTimeStamp(resultSet, schema.timestampColumn());
        Instant timestamp = parse(storedTimestamp.toString());
        ParsedEntry<?> domainEvent = new ParsedEntry<>(
                resultSet.getString(schema.typeColumn()),
                eventIdentifier.equals(aggregateIdentifier) ? null : aggregateIdentifier,
                resultSet.getLong(schema.sequenceNumberColumn()),
                eventIdentifier,
                storedTimestamp,
                timestamp,
                resultSet.getString(schema.payloadTypeColumn()),
                resultSet.getString(schema.payloadRevisionColumn()),
                readPayload(resultSet, schema.payloadColumn()),
                readPayload(resultSet, schema.metaDataColumn()));

        boolean allowGaps = timestamp.isAfter(GenericEventMessage.clock.instant().minusMillis(gapTimeoutMillis));
        GapAwareTrackingToken token = previousToken;
        if (token == null) {
            token = GapAwareTrackingToken.newInstance(globalSequence, allowGaps
                    ? LongStream.range(Math.min(lowestGlobalSequence, globalSequence), globalSequence)
                    .boxed()
                    .collect(Collectors.toCollection(TreeSet::new))
                    : Collections.emptySortedSet());
        } else {
            token = token.advanceTo(globalSequence, allowGaps ? maxGapOffset : 0);
        }
        return new TrackedDomainEventData<>(token, domainEvent);
    }

    /**
     * The instant of a stored timestamp: {@code yyyy-MM-ddTHH:mm:ss.SSSZ} (what Axon writes) by position, anything
     * else by Axon's own parser.
     */
    static Instant parse(String text) {
        if (text.length() != 24 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':' || text.charAt(19) != '.'
                || text.charAt(23) != 'Z') {
            return DateTimeUtils.parseInstant(text);
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        int millis = digits(text, 20, 3);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0
                || minute > 59 || second < 0 || second > 59 || millis < 0) {
            return DateTimeUtils.parseInstant(text);
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException noSuchDay) {
            return DateTimeUtils.parseInstant(text);
        }
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, millis * 1_000_000L);
    }

    /** The decimal number of {@code length} digits at {@code from}, or -1 if one of them is not a digit. */
    private static int digits(String text, int from, int length) {
        int value = 0;
        for (int i = from; i < from + length; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** An event entry that hands out the instant parsed when it was read instead of parsing its text again. */
    private static final class ParsedEntry<T> extends GenericDomainEventEntry<T> {

        private final Instant timestamp;

        ParsedEntry(String type, String aggregateIdentifier, long sequenceNumber, String eventIdentifier,
                    Object storedTimestamp, Instant timestamp, String payloadType, String payloadRevision, T payload,
                    T metaData) {
            super(type, aggregateIdentifier, sequenceNumber, eventIdentifier, storedTimestamp, payloadType,
                    payloadRevision, payload, metaData);
            this.timestamp = timestamp;
        }

        @Override
        public Instant getTimestamp() {
            return timestamp;
        }
    }
}
