package io.channelbook.api.ledger;

/** One entry of a partner's ledger. */
public record FindLedgerEntryQuery(String partnerId, String entryId) {
}
