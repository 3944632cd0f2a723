package io.channelbook.api.ledger;

/**
 * A change of a partner's balances. Balances move only by these: ACCRUED (+pending), RELEASED (pending → payable),
 * REVERSED (−pending or −payable), ADJUSTED (±payable), PAID (payable → paid).
 */
public enum MovementType {
    ACCRUED,
    RELEASED,
    REVERSED,
    ADJUSTED,
    PAID
}
