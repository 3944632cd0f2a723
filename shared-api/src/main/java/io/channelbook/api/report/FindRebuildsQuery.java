package io.channelbook.api.report;

/** The latest rebuild of every processing group that was rebuilt since start, and which groups can be rebuilt. */
public record FindRebuildsQuery() {
}
