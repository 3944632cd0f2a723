package io.channelbook.api.report;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Stops a queued or running attribution run; it ends CANCELLED and keeps no rows. */
public record CancelAttributionRunCommand(@TargetAggregateIdentifier String runId) {
}
