package io.channelbook.api.deal;

/**
 * Where a deal registration stands. {@code SUBMITTED} is under review and already holds its claim on the customer;
 * {@code CONFLICT} means another registration held the customer first.
 */
public enum DealStatus {
    SUBMITTED,
    CONFLICT,
    APPROVED,
    REJECTED,
    CLOSED_WON,
    CLOSED_LOST,
    EXPIRED;

    /** Whether the registration still holds (or may still get) protection for its customer. */
    public boolean isOpen() {
        return this == SUBMITTED || this == CONFLICT || this == APPROVED;
    }
}
