package io.channelbook.api.report;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Starts a replay of the event history into a run-scoped attribution result. The run id routes the command (and a
 * later {@link CancelAttributionRunCommand}) to the same query-side instance; no aggregate is involved.
 */
public record StartAttributionRunCommand(@TargetAggregateIdentifier String runId, AttributionRunParameters parameters) {
}
