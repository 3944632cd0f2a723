package io.channelbook.api.deal;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A channel manager approves a registration; protection runs for {@code protectionDays} days from now, with a
 * reminder {@code reminderDaysBefore} days before it ends.
 * <p>
 * When {@code programDefault} is true, {@code protectionDays} is only the program's configured default: a window set
 * for the partner, its tier or the program ({@link SetProtectionWindowCommand}) wins over it. When false, the
 * manager chose the window for this approval and it applies as given.
 */
public record ApproveDealRegistrationCommand(@TargetAggregateIdentifier String registrationId, int protectionDays,
                                             int reminderDaysBefore, boolean programDefault) {

    /** A window chosen for this approval. */
    public ApproveDealRegistrationCommand(String registrationId, int protectionDays, int reminderDaysBefore) {
        this(registrationId, protectionDays, reminderDaysBefore, false);
    }
}
