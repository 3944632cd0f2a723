package io.channelbook.command.deal;

import java.time.Instant;

/**
 * The payload of the expiry deadline of a protection window ending at {@code protectedUntil}; an expiry for a window
 * that has since been extended is recognised and ignored.
 * <p>
 * Scheduled deadlines are stored with this class's name: renaming or moving it strands the ones already scheduled.
 */
public record ProtectionExpiryDue(String registrationId, Instant protectedUntil) {
}
