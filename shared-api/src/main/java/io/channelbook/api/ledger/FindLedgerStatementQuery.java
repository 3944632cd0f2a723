package io.channelbook.api.ledger;

import java.time.Instant;

/** A partner's statement for [from, to). */
public record FindLedgerStatementQuery(String partnerId, Instant from, Instant to) {
}
