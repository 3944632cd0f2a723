package io.channelbook.api.deal;

/** Orders of the deal list and review queue. */
public enum DealSort {
    /** Oldest submission first: the review queue's natural order. */
    OLDEST,
    NEWEST,
    /** Largest estimated value first (within a currency, by minor units). */
    LARGEST_VALUE
}
