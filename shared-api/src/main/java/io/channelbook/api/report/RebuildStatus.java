package io.channelbook.api.report;

import java.time.Instant;

/**
 * A read-model rebuild: RUNNING until every segment of the group has reached {@code targetPosition} (the head of the
 * stream when the rebuild started), then COMPLETED; FAILED with a {@code message} otherwise. While it runs the read
 * model is incomplete: the reset dropped its documents and they refill as the replay proceeds.
 */
public record RebuildStatus(String processingGroup, ReplayStatus status, String requestedBy, Instant startedAt,
                            Instant finishedAt, long targetPosition, long position, double percent, String message) {
}
