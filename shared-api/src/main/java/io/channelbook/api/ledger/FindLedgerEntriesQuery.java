package io.channelbook.api.ledger;

import java.time.Instant;

/** A page of a partner's entries recorded in [from, to) (nulls: unbounded), optionally of one kind. */
public record FindLedgerEntriesQuery(String partnerId, Instant from, Instant to, EntryKind kind, int page, int size) {
}
