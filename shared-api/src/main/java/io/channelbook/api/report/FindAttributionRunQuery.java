package io.channelbook.api.report;

/** One run with its rows; answers null for an unknown run. */
public record FindAttributionRunQuery(String runId) {
}
