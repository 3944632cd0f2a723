package io.channelbook.api.commission;

import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Publishes the draft as the next version, in force for deals closed on or after {@code effectiveFrom}. */
public record PublishCommissionPlanCommand(@TargetAggregateIdentifier String planId, LocalDate effectiveFrom) {
}
