package io.channelbook.api.deal;

import java.time.Instant;

/** Protection now runs until {@code protectedUntil}. */
public record ProtectionExtendedEvent(String registrationId, String partnerId, Instant protectedUntil, String reason) {
}
