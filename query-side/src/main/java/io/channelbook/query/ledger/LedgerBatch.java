package io.channelbook.query.ledger;

import io.channelbook.query.infrastructure.DocumentBatch;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The ledger documents one batch of events touches ({@link DocumentBatch}): read at most once, changed in memory by
 * every event of the batch, written once when the batch ends with one bulk write per collection, in the order the
 * per-event writes had: movements, entries, months, then balances, the document that says "applied". Every document
 * keeps the stream sequence of the last event applied to it, so a batch that a crash interrupted half-way is simply
 * applied again.
 */
final class LedgerBatch {

    private final DocumentBatch documents;
    private final Set<String> changedPartners = new LinkedHashSet<>();

    LedgerBatch(ReactiveMongoTemplate mongo) {
        this.documents = new DocumentBatch(mongo, LedgerMovementDocument.class, LedgerEntryDocument.class,
                MonthlyEarningsDocument.class, LedgerBalanceDocument.class);
    }

    /** Loads, with one query per collection, the entries, months and balances the batch's events will look up. */
    void prefetch(Collection<String> entryIds, Collection<String> monthIds, Collection<String> partnerIds) {
        documents.prefetch(LedgerEntryDocument.class, entryIds);
        documents.prefetch(MonthlyEarningsDocument.class, monthIds);
        documents.prefetch(LedgerBalanceDocument.class, partnerIds);
    }

    LedgerEntryDocument entry(String entryId) {
        return entryId == null ? null : documents.find(LedgerEntryDocument.class, entryId);
    }

    /** The entry as this batch has it, if it has read or saved it; null otherwise (without a query). */
    LedgerEntryDocument knownEntry(String entryId) {
        return documents.peek(LedgerEntryDocument.class, entryId);
    }

    MonthlyEarningsDocument month(String id) {
        return documents.find(MonthlyEarningsDocument.class, id);
    }

    LedgerBalanceDocument balance(String partnerId) {
        return documents.find(LedgerBalanceDocument.class, partnerId);
    }

    /** A movement is new unless its event is delivered again: inserted, replaced only if it exists. */
    void save(LedgerMovementDocument movement) {
        documents.insert(movement);
    }

    void save(LedgerEntryDocument entry) {
        documents.save(entry);
    }

    /** Lists a new entry among its partner's (written before the entries themselves). */
    void listEntry(String partnerId, String entryId) {
        documents.addToSet(LedgerPartnerEntriesDocument.class, partnerId, LedgerPartnerEntriesDocument.ENTRY_IDS,
                entryId);
    }

    void save(MonthlyEarningsDocument month) {
        documents.save(month);
    }

    void save(LedgerBalanceDocument balance) {
        documents.save(balance);
        changedPartners.add(balance.id());
    }

    /**
     * Writes every changed document, blocking until MongoDB acknowledged all of them.
     *
     * @return the partners whose balances changed (whose summaries a subscriber may want pushed)
     */
    Set<String> flush() {
        documents.flush();
        Set<String> partners = Set.copyOf(changedPartners);
        changedPartners.clear();
        return partners;
    }
}
