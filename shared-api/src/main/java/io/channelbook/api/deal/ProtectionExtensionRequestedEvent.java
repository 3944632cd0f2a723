package io.channelbook.api.deal;

/** The partner asked for {@code additionalDays} more days of protection. */
public record ProtectionExtensionRequestedEvent(String registrationId, String partnerId, int additionalDays,
                                                String reason) {
}
