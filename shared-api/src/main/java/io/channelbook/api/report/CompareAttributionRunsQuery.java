package io.channelbook.api.report;

/** Two runs side by side; null when either is unknown. */
public record CompareAttributionRunsQuery(String runIdA, String runIdB) {
}
