package io.channelbook.query.report;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;

/**
 * Reads the raw event stream from its beginning up to a stop position (inclusive), handing the payloads of the
 * wanted types recorded at or before {@code asOf} to a sink. Like the ledger auditor it never relies on the stream
 * going quiet to detect its end: it knows the position to reach, and waits up to {@link #HEAD_WAIT} of silence for
 * it before giving up. Between events it checks for cancellation and reports progress.
 */
final class EventReplay {

    /** How long the stream may stay silent before the stop position before the replay fails. */
    static final Duration HEAD_WAIT = Duration.ofSeconds(10);
    private static final long POLL_MILLIS = 100;

    enum Outcome { COMPLETED, CANCELLED }

    /** What a replay read so far: counts and positions. {@code firstPosition} is -1 until an event was read. */
    static final class Counter {
        final long stopPosition;
        volatile long eventsProcessed;
        volatile long position = -1;
        volatile long firstPosition = -1;

        Counter(long stopPosition) {
            this.stopPosition = stopPosition;
        }

        /** Events up to the stop position, estimated from positions (global sequence numbers, gaps possible). */
        long totalEstimate() {
            long first = firstPosition < 0 ? 0 : firstPosition;
            return Math.max(eventsProcessed, stopPosition - first + 1);
        }

        double percent() {
            if (stopPosition < 0) {
                return 100;
            }
            if (firstPosition < 0) {
                return 0;
            }
            double done = (double) (position - firstPosition + 1) / (stopPosition - firstPosition + 1);
            return Math.min(100, Math.floor(done * 1000) / 10);
        }
    }

    private EventReplay() {
    }

    /** The position of the newest event in the store, or -1 when it is empty. */
    static long headPosition(StreamableMessageSource<TrackedEventMessage<?>> events) {
        TrackingToken head = events.createHeadToken();
        return head == null ? -1 : head.position().orElse(-1);
    }

    /**
     * @param progress called after every event with the counter (cheap; the caller throttles what it does)
     * @throws InterruptedException when the thread is interrupted
     * @throws IllegalStateException when the stream stays silent before reaching the stop position
     */
    static Outcome run(StreamableMessageSource<TrackedEventMessage<?>> events, Counter counter, Instant asOf,
                       Set<Class<?>> wanted, BiConsumer<Object, Instant> sink, BooleanSupplier cancelled,
                       Runnable progress) throws InterruptedException {
        if (counter.stopPosition < 0) {
            return cancelled.getAsBoolean() ? Outcome.CANCELLED : Outcome.COMPLETED;
        }
        try (BlockingStream<TrackedEventMessage<?>> stream = events.openStream(null)) {
            long silentSince = System.nanoTime();
            while (counter.position < counter.stopPosition) {
                if (cancelled.getAsBoolean()) {
                    return Outcome.CANCELLED;
                }
                if (!stream.hasNextAvailable((int) POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                    if (System.nanoTime() - silentSince > HEAD_WAIT.toNanos()) {
                        throw new IllegalStateException("The event stream stopped at position " + counter.position
                                + " before position " + counter.stopPosition);
                    }
                    continue;
                }
                silentSince = System.nanoTime();
                TrackedEventMessage<?> message = stream.nextAvailable();
                long position = message.trackingToken() == null ? -1 : message.trackingToken().position().orElse(-1);
                if (position > counter.stopPosition) {
                    break;
                }
                if (counter.firstPosition < 0) {
                    counter.firstPosition = position;
                }
                counter.position = Math.max(counter.position, position);
                counter.eventsProcessed++;
                if (wanted.contains(message.getPayloadType())
                        && (asOf == null || !message.getTimestamp().isAfter(asOf))) {
                    sink.accept(message.getPayload(), message.getTimestamp());
                }
                progress.run();
            }
        }
        return cancelled.getAsBoolean() ? Outcome.CANCELLED : Outcome.COMPLETED;
    }
}
