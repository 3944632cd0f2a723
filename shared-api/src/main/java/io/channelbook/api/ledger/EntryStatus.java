package io.channelbook.api.ledger;

/** Where an earning entry stands: held, then payable, then paid by a payout. */
public enum EntryStatus {
    PENDING,
    PAYABLE,
    PAID
}
