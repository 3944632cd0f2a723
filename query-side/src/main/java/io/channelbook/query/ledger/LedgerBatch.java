package io.channelbook.query.ledger;

import org.springframework.data.mongodb.core.BulkOperations.BulkMode;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.ReactiveBulkOperations;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The ledger documents one batch of events touches: each is read at most once (or not at all when the batch's ids were
 * {@linkplain #prefetch prefetched} with one query per collection), changed in memory by every event of the batch,
 * and written once when the batch ends, with one bulk write per collection. A replay of the whole stream therefore
 * costs a few round trips per batch instead of seven to ten per ledger event (BENCHMARKS.md).
 * <p>
 * {@link #flush()} writes movements, entries, months and then balances, the order the per-event writes had: the
 * balances document, written last, is what says "applied". Every document keeps the stream sequence of the last event
 * applied to it, so a batch that a crash interrupted half-way is simply applied again.
 */
final class LedgerBatch {

    private final ReactiveMongoTemplate mongo;
    private final Documents<LedgerMovementDocument> movements;
    private final Documents<LedgerEntryDocument> entries;
    private final Documents<MonthlyEarningsDocument> months;
    private final Documents<LedgerBalanceDocument> balances;

    LedgerBatch(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
        this.movements = new Documents<>(LedgerMovementDocument.class, LedgerMovementDocument::id);
        this.entries = new Documents<>(LedgerEntryDocument.class, LedgerEntryDocument::id);
        this.months = new Documents<>(MonthlyEarningsDocument.class, MonthlyEarningsDocument::id);
        this.balances = new Documents<>(LedgerBalanceDocument.class, LedgerBalanceDocument::id);
    }

    /** Loads, with one query per collection, the entries, months and balances the batch's events will look up. */
    void prefetch(Collection<String> entryIds, Collection<String> monthIds, Collection<String> partnerIds) {
        entries.prefetch(entryIds);
        months.prefetch(monthIds);
        balances.prefetch(partnerIds);
    }

    LedgerEntryDocument entry(String entryId) {
        return entryId == null ? null : entries.get(entryId);
    }

    MonthlyEarningsDocument month(String id) {
        return months.get(id);
    }

    LedgerBalanceDocument balance(String partnerId) {
        return balances.get(partnerId);
    }

    void save(LedgerMovementDocument movement) {
        movements.put(movement);
    }

    void save(LedgerEntryDocument entry) {
        entries.put(entry);
    }

    void save(MonthlyEarningsDocument month) {
        months.put(month);
    }

    void save(LedgerBalanceDocument balance) {
        balances.put(balance);
    }

    /**
     * Writes every changed document, blocking until MongoDB acknowledged all of them.
     *
     * @return the partners whose balances changed (whose summaries a subscriber may want pushed)
     */
    Set<String> flush() {
        Set<String> partners = new LinkedHashSet<>(balances.dirty.keySet());
        movements.flush();
        entries.flush();
        months.flush();
        balances.flush();
        return partners;
    }

    /** One collection's documents of this batch: what was read (null for "not there") and what changed. */
    private final class Documents<T> {

        private final Class<T> type;
        private final Function<T, String> idOf;
        private final Map<String, T> known = new HashMap<>();
        private final Map<String, T> dirty = new LinkedHashMap<>();

        Documents(Class<T> type, Function<T, String> idOf) {
            this.type = type;
            this.idOf = idOf;
        }

        T get(String id) {
            if (!known.containsKey(id)) {
                known.put(id, mongo.findById(id, type).block());
            }
            return known.get(id);
        }

        void put(T document) {
            String id = idOf.apply(document);
            known.put(id, document);
            dirty.put(id, document);
        }

        void prefetch(Collection<String> ids) {
            Set<String> missing = new LinkedHashSet<>(ids);
            missing.removeAll(known.keySet());
            missing.remove(null);
            if (missing.isEmpty()) {
                return;
            }
            missing.forEach(id -> known.put(id, null));
            List<T> found = mongo.find(Query.query(Criteria.where("_id").in(missing)), type).collectList().block();
            if (found != null) {
                found.forEach(document -> known.put(idOf.apply(document), document));
            }
        }

        void flush() {
            if (dirty.isEmpty()) {
                return;
            }
            ReactiveBulkOperations bulk = mongo.bulkOps(BulkMode.UNORDERED, type);
            dirty.forEach((id, document) -> bulk.replaceOne(Query.query(Criteria.where("_id").is(id)), document,
                    FindAndReplaceOptions.options().upsert()));
            bulk.execute().block();
            dirty.clear();
        }
    }
}
