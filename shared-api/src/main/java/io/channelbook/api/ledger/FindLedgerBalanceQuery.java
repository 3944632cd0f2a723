package io.channelbook.api.ledger;

import java.time.Instant;

/** A partner's balances as of an instant (null: now). */
public record FindLedgerBalanceQuery(String partnerId, Instant asOf) {
}
