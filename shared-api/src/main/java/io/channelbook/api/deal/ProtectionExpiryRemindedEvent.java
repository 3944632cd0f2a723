package io.channelbook.api.deal;

import java.time.Instant;

/** Protection ends soon: sent a configured number of days before {@code protectedUntil}. */
public record ProtectionExpiryRemindedEvent(String registrationId, String partnerId, Instant protectedUntil) {
}
