package io.channelbook.api.ledger;

import io.channelbook.api.money.Money;

import java.time.Instant;

/** One line of the double-entry journal. Each movement gives lines whose debits equal their credits. */
public record JournalPosting(String eventId, long sequence, Instant recordedAt, String partnerId, String account, Money debit, Money credit, String memo) {
}
