package io.channelbook.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Latency samples in nanoseconds; percentiles by the nearest-rank method, reported in milliseconds. */
final class Latencies {

    private final ConcurrentLinkedQueue<Long> samples = new ConcurrentLinkedQueue<>();

    void add(long nanos) {
        samples.add(nanos);
    }

    int count() {
        return samples.size();
    }

    Map<String, Object> summary() {
        long[] sorted = samples.stream().mapToLong(Long::longValue).sorted().toArray();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("samples", sorted.length);
        if (sorted.length == 0) {
            return summary;
        }
        summary.put("p50Ms", millis(rank(sorted, 0.50)));
        summary.put("p95Ms", millis(rank(sorted, 0.95)));
        summary.put("p99Ms", millis(rank(sorted, 0.99)));
        summary.put("maxMs", millis(sorted[sorted.length - 1]));
        summary.put("meanMs", millis((long) Arrays.stream(sorted).average().orElse(0)));
        return summary;
    }

    private static long rank(long[] sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    static double millis(long nanos) {
        return Math.round(nanos / 1_000.0) / 1_000.0;
    }
}
