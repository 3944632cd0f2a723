package io.channelbook.ui.standalone;

import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * Reads the next batch of a tracking stream while the processor handles this one. A streaming processor that is
 * behind the head of the event store (a rebuild, a catch-up after start-up) reads a batch, handles it, reads the next:
 * on one thread, so reading (a quarter of a ledger rebuild's processor thread) and handling never overlap. Here a full
 * batch that ends in history starts the read of the batch after it on a read-ahead thread; when the stream asks for
 * that batch (from the last token of this one), it gets the batch read meanwhile. History is what is older than the
 * gap timeout: no transaction still committing can add an event there, so a batch read ahead is exactly what a read
 * when the stream asks would return. A batch that is not full (a reader at the head) or that reaches into the recent
 * past (a processor a little behind, live) reads nothing ahead, so live reading is unchanged.
 * <p>
 * A read ahead that has not started when it is asked for is cancelled and the read done on the asking thread; one that
 * failed is done again there, so errors surface where they did. Reads ahead that no stream asks for (its processor
 * stopped) are dropped when more than {@value #KEPT} wait. After {@link #close()} every read is the stream's own.
 */
final class ReadAhead implements AutoCloseable {

    static final int KEPT = 16;

    private final BiFunction<TrackingToken, Integer, List<? extends TrackedEventData<?>>> read;
    private final Supplier<Instant> now;
    private final Duration history;
    private final ThreadPoolExecutor threads;
    private final Map<TrackingToken, Future<List<? extends TrackedEventData<?>>>> ahead =
            new LinkedHashMap<>(KEPT * 2, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<TrackingToken, Future<List<? extends TrackedEventData<?>>>> eldest) {
                    if (size() > KEPT) {
                        eldest.getValue().cancel(false);
                        return true;
                    }
                    return false;
                }
            };

    /**
     * Reads ahead on one daemon thread, started when needed and ended after a minute idle.
     *
     * @param read    reads the batch after a token (null: from the start) of at most the given size
     * @param now     the time (Axon's event clock)
     * @param history how old an event must be to be history (the gap timeout)
     */
    ReadAhead(BiFunction<TrackingToken, Integer, List<? extends TrackedEventData<?>>> read, Supplier<Instant> now,
              Duration history) {
        this.read = read;
        this.now = now;
        this.history = history;
        AtomicInteger counter = new AtomicInteger();
        this.threads = new ThreadPoolExecutor(1, 1, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(),
                task -> {
                    Thread thread = new Thread(task, "event-read-ahead-" + counter.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        this.threads.allowCoreThreadTimeOut(true);
    }

    /** The batch after {@code lastToken}: read ahead if it was, read now otherwise; a full one reads the next ahead. */
    List<? extends TrackedEventData<?>> next(TrackingToken lastToken, int batchSize) {
        List<? extends TrackedEventData<?>> batch = readAhead(lastToken);
        if (batch == null) {
            batch = read.apply(lastToken, batchSize);
        }
        if (batch.size() >= batchSize && !threads.isShutdown()
                && batch.get(batch.size() - 1).getTimestamp().isBefore(now.get().minus(history))) {
            TrackingToken last = batch.get(batch.size() - 1).trackingToken();
            synchronized (ahead) {
                Future<List<? extends TrackedEventData<?>>> future;
                try {
                    future = threads.submit(() -> read.apply(last, batchSize));
                } catch (RejectedExecutionException closed) {
                    return batch;
                }
                Future<List<? extends TrackedEventData<?>>> replaced = ahead.put(last, future);
                if (replaced != null) {
                    replaced.cancel(false);
                }
            }
        }
        return batch;
    }

    /** How many reads ahead wait for their stream (for tests). */
    int waiting() {
        synchronized (ahead) {
            return ahead.size();
        }
    }

    private List<? extends TrackedEventData<?>> readAhead(TrackingToken lastToken) {
        if (lastToken == null) {
            return null;
        }
        Future<List<? extends TrackedEventData<?>>> future;
        synchronized (ahead) {
            future = ahead.remove(lastToken);
        }
        if (future == null || future.cancel(false)) {
            return null;
        }
        try {
            return future.get();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException | CancellationException failed) {
            return null;
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
        synchronized (ahead) {
            ahead.clear();
        }
    }
}
