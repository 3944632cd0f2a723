package io.channelbook.ui.standalone;

import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Reading ahead hands a stream the batches it would have read itself, and reads them on its own thread. */
class ReadAheadTest {

    private static final int EVENTS = 1_050;
    /** Every stored event's time. */
    private static final String STORED_AT = "2026-11-28T00:00:00.000Z";
    private static final Duration GAP_TIMEOUT = Duration.ofSeconds(60);
    /** An hour after the events: they are history. */
    private static final Supplier<Instant> LATER = () -> Instant.parse("2026-11-28T01:00:00Z");

    /** The stored stream: event i at global index i (1-based). */
    private final List<TrackedEventData<?>> stored = new ArrayList<>();
    /** The thread that read each batch, by the index it started after. */
    private final Map<Long, String> readBy = new ConcurrentHashMap<>();
    private final List<Long> reads = new CopyOnWriteArrayList<>();
    /** Every read that was started, by the index it started after (a failed one too). */
    private final List<Long> attempts = new CopyOnWriteArrayList<>();
    private ReadAhead readAhead;

    ReadAheadTest() {
        for (long index = 1; index <= EVENTS; index++) {
            stored.add(new TrackedDomainEventData<>(new GlobalSequenceTrackingToken(index),
                    new GenericDomainEventEntry<>("Partner", "p", index, "event-" + index, STORED_AT,
                            "String", null, "payload " + index, "{}")));
        }
    }

    @AfterEach
    void close() {
        if (readAhead != null) {
            readAhead.close();
        }
    }

    private final BiFunction<TrackingToken, Integer, List<? extends TrackedEventData<?>>> store = (token, size) -> {
        long after = token == null ? 0 : token.position().orElseThrow();
        attempts.add(after);
        reads.add(after);
        readBy.put(after, Thread.currentThread().getName());
        return List.copyOf(stored.subList((int) Math.min(after, EVENTS), (int) Math.min(after + size, EVENTS)));
    };

    @Test
    void aStreamBehindTheHeadGetsEveryBatchInOrderWithAllButTheFirstReadAhead() {
        readAhead = new ReadAhead(store, LATER, GAP_TIMEOUT);

        List<TrackedEventData<?>> read = readAll(100);

        assertThat(read).containsExactlyElementsOf(stored);
        // eleven batches (the last holds 50), each read once; the first by the stream itself, the rest ahead of it
        assertThat(reads).containsExactly(0L, 100L, 200L, 300L, 400L, 500L, 600L, 700L, 800L, 900L, 1000L);
        assertThat(readBy.get(0L)).isEqualTo(Thread.currentThread().getName());
        for (long after = 100; after <= 1000; after += 100) {
            assertThat(readBy.get(after)).as("batch after %d", after).startsWith("event-read-ahead-");
        }
        // the last batch was not full: the stream is at the head, nothing is read ahead of it
        assertThat(readAhead.waiting()).isZero();
    }

    @Test
    void aReadAheadThatFailedIsReadAgainByTheStream() {
        AtomicBoolean failedOnce = new AtomicBoolean();
        readAhead = new ReadAhead((token, size) -> {
            if (token != null && token.position().orElseThrow() == 300 && failedOnce.compareAndSet(false, true)) {
                attempts.add(300L);
                throw new IllegalStateException("connection lost");
            }
            return store.apply(token, size);
        }, LATER, GAP_TIMEOUT);

        List<TrackedEventData<?>> read = readAll(100);

        assertThat(failedOnce).isTrue();
        assertThat(read).containsExactlyElementsOf(stored);
        assertThat(readBy.get(300L)).isEqualTo(Thread.currentThread().getName());
    }

    @Test
    void readsAheadThatNoStreamAsksForAreDroppedBeyondTheBound() {
        readAhead = new ReadAhead(store, LATER, GAP_TIMEOUT);

        // twenty streams (processors) each read one full batch from a different place, then stop
        for (long after = 0; after < 20 * 50; after += 50) {
            readAhead.next(after == 0 ? null : new GlobalSequenceTrackingToken(after), 10);
        }

        assertThat(readAhead.waiting()).isEqualTo(ReadAhead.KEPT);
    }

    @Test
    void eventsYoungerThanTheGapTimeoutAreNotReadAhead() {
        // thirty seconds after the events: a transaction still committing could add one among them
        readAhead = new ReadAhead(store, () -> Instant.parse("2026-11-28T00:00:30Z"), GAP_TIMEOUT);

        assertThat(readAll(100)).containsExactlyElementsOf(stored);
        assertThat(readBy.values()).containsOnly(Thread.currentThread().getName());
    }

    @Test
    void aClosedReadAheadReadsOnTheStreamsThread() {
        readAhead = new ReadAhead(store, LATER, GAP_TIMEOUT);
        readAhead.close();

        assertThat(readAll(100)).containsExactlyElementsOf(stored);
        assertThat(readBy.values()).containsOnly(Thread.currentThread().getName());
    }

    /**
     * Reads as Axon's batching engine does: each batch after the last token of the one before, until one is short.
     * A processor handles each batch; here the handling lasts until the read of the next batch has begun (with a
     * read-ahead that is not closed), as a rebuild's handling outlasts the start of a read on an idle thread.
     */
    private List<TrackedEventData<?>> readAll(int batchSize) {
        List<TrackedEventData<?>> read = new ArrayList<>();
        TrackingToken last = null;
        while (true) {
            List<? extends TrackedEventData<?>> batch = readAhead.next(last, batchSize);
            read.addAll(batch);
            if (batch.size() < batchSize) {
                return read;
            }
            last = batch.get(batch.size() - 1).trackingToken();
            long next = last.position().orElseThrow();
            if (readAhead.waiting() > 0) {
                await().atMost(Duration.ofSeconds(10)).until(() -> attempts.contains(next));
            }
        }
    }
}
