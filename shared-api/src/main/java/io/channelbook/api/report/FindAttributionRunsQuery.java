package io.channelbook.api.report;

/** The most recent runs (without rows), newest first. */
public record FindAttributionRunsQuery(int limit) {
}
