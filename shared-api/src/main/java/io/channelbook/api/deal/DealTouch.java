package io.channelbook.api.deal;

/** A partner's part in a deal. */
public record DealTouch(String touchId, String partnerId, TouchType type, String evidence, boolean accepted) {
}
