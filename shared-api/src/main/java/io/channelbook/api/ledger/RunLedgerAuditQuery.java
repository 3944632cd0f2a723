package io.channelbook.api.ledger;

/** Recompute every balance from the event stream and compare with the read models. */
public record RunLedgerAuditQuery() {
}
