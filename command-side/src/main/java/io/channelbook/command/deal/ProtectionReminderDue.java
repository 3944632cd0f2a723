package io.channelbook.command.deal;

import java.time.Instant;

/**
 * The payload of the reminder deadline of a protection window ending at {@code protectedUntil}. The window's end
 * travels with the deadline so that a reminder for a window that has since moved is recognised and ignored.
 * <p>
 * Scheduled deadlines are stored with this class's name: renaming or moving it strands the ones already scheduled.
 */
public record ProtectionReminderDue(String registrationId, Instant protectedUntil) {
}
