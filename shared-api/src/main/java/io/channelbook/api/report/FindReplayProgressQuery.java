package io.channelbook.api.report;

/** A run's progress; as a subscription query, every change until the run is final. Null for an unknown run. */
public record FindReplayProgressQuery(String runId) {
}
