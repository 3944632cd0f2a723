package io.channelbook.api.deal;

/** How a partner contributed to a deal; commissions and attribution use it. */
public enum TouchType {
    SOURCED,
    INFLUENCED,
    DELIVERED
}
