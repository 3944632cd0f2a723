package io.channelbook.api.deal;

/** The customer's claim moved from one registration to another by a conflict resolution. */
public record ProtectionTransferredEvent(String customerDomain, String fromRegistrationId, String toRegistrationId,
                                         String toPartnerId) {
}
