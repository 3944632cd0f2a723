package io.channelbook.api.deal;

/** The extension request was denied; protection ends as before. */
public record ProtectionExtensionDeniedEvent(String registrationId, String partnerId, String reason) {
}
