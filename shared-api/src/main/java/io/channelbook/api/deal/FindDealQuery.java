package io.channelbook.api.deal;

/**
 * One registration, as {@code viewerPartnerId} may see it: a partner user sees only its own partner's registrations
 * (anything else answers as unknown) and never who holds a conflicting claim; vendor staff pass {@code null} and see
 * everything. Answered with a {@link DealView}, or {@code null}.
 */
public record FindDealQuery(String registrationId, String viewerPartnerId) {
}
