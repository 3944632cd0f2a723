package io.channelbook.api.report;

import java.time.Instant;

/**
 * How far a replay got. {@code stopPosition}: the last event position it reads; {@code position}: the last one it
 * read. {@code totalEvents} estimates the events up to the stop position from the positions (exact once COMPLETED,
 * when it equals {@code eventsProcessed} and {@code percent} is 100). {@code etaSeconds} is null until a rate is known.
 */
public record ReplayProgress(String runId, ReplayStatus status, long eventsProcessed, long totalEvents, long position,
                             long stopPosition, double percent, double eventsPerSecond, Long etaSeconds,
                             Instant startedAt, Instant finishedAt, String message) {
}
