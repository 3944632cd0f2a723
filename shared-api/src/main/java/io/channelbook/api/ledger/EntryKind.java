package io.channelbook.api.ledger;

/** What a ledger entry is. Every entry is immutable; corrections are new entries. */
public enum EntryKind {
    /** Commission earned on a won deal (or the partner's share of it). */
    ACCRUAL,
    /** Commission earned on one reported billing period of a recurring line. */
    RECURRING,
    /** A retroactive band's difference on earlier volume of the period, booked when the band is reached. */
    TRUE_UP,
    /** A volume or growth rebate, accrued at period end. */
    REBATE,
    /** Takes back part or all of an earlier entry (refund, chargeback, amount decrease). Negative. */
    REVERSAL,
    /** A manual correction by finance, with a reason. Positive or negative; payable at once. */
    ADJUSTMENT
}
