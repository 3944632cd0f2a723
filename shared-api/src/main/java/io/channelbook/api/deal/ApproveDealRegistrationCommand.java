package io.channelbook.api.deal;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A channel manager approves a registration; protection runs for {@code protectionDays} days from now (the program
 * default or an override, chosen at the edge), with a reminder {@code reminderDaysBefore} days before it ends.
 */
public record ApproveDealRegistrationCommand(@TargetAggregateIdentifier String registrationId, int protectionDays,
                                             int reminderDaysBefore) {
}
