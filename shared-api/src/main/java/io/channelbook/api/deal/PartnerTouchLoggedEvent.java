package io.channelbook.api.deal;

/** A partner's touch on a deal; {@code accepted} is false for influence until a manager accepts it. */
public record PartnerTouchLoggedEvent(String registrationId, String touchId, String partnerId, TouchType type,
                                      String evidence, boolean accepted) {
}
