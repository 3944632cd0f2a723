package io.channelbook.api.report;

/** Where a replay stands. Only COMPLETED replays have a result; the other final states keep none. */
public enum ReplayStatus {
    QUEUED,
    RUNNING,
    COMPLETED,
    CANCELLED,
    FAILED;

    public boolean isFinal() {
        return this == COMPLETED || this == CANCELLED || this == FAILED;
    }
}
