package io.channelbook.api.deal;

/** How a channel manager settles a conflict between two registrations of one customer. */
public enum ConflictResolution {
    /** The first registration keeps the customer; the later one is rejected. */
    KEEP_FIRST,
    /** Protection moves to the later registration; the first one is rejected. */
    TRANSFER_PROTECTION,
    /** Both are kept and may be approved: the partners co-sell. */
    CO_SELL
}
