package io.channelbook.api.deal;

/** How the conflict between the contesting registration and the holder was settled. */
public record DealConflictResolvedEvent(String registrationId, String partnerId, String holderRegistrationId,
                                        ConflictResolution resolution, String reason) {
}
