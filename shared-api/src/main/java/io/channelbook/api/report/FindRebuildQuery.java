package io.channelbook.api.report;

/** The latest rebuild of a processing group (null when none ran since start); as a subscription, its progress. */
public record FindRebuildQuery(String processingGroup) {
}
