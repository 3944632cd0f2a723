package io.channelbook.query.ledger;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.util.List;

/**
 * The ids of one partner's ledger entries, keyed by partner id, so the entries page reads a partner's entries by id
 * instead of filtering every partner's entries (the embedded store scans for any field but {@code _id}; at 140,000
 * events that was 49 ms a page, BENCHMARKS.md). An entry never changes partner, so ids are only ever added.
 */
@Document(LedgerPartnerEntriesDocument.COLLECTION)
record LedgerPartnerEntriesDocument(@Id String id, List<String> entryIds) {

    static final String COLLECTION = "ledger_partner_entries";
    static final String ENTRY_IDS = "entryIds";
}
