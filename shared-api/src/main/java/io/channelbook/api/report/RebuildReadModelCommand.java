package io.channelbook.api.report;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Rebuilds a live read model: resets its processing group's tokens so that the projection drops its documents and
 * replays the whole event history. The group name routes the command to the instance running that processor.
 */
public record RebuildReadModelCommand(@TargetAggregateIdentifier String processingGroup) {
}
