package io.channelbook.api.ledger;

import java.time.Instant;

/** Journal postings in [from, to), of one partner or (null) all. */
public record FindJournalQuery(String partnerId, Instant from, Instant to) {
}
