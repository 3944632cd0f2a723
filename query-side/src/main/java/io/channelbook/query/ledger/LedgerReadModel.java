package io.channelbook.query.ledger;

import io.channelbook.api.ledger.CurrencyBalance;
import io.channelbook.api.ledger.EarningsSummary;
import io.channelbook.api.ledger.EntryStatus;
import io.channelbook.api.ledger.LedgerBalance;
import io.channelbook.api.ledger.MovementType;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;
import jakarta.annotation.PostConstruct;
import org.springframework.data.mongodb.core.index.Index;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/** Reads of the ledger documents shared by the query handlers and the live summary the projection pushes. */
@Component
class LedgerReadModel {

    static final int SUMMARY_MONTHS = 12;

    private final ReactiveMongoTemplate mongo;
    private final Clock clock;

    LedgerReadModel(ReactiveMongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    /**
     * The indexes of the movement queries by partner (in stream order and by time). A real MongoDB uses them; the
     * embedded server accepts and ignores secondary indexes (it scans). Created at start-up and again after a reset
     * drops the collections; creating an existing index changes nothing. A data dir from before the per-partner entry
     * lists ({@link LedgerPartnerEntriesDocument}) gets them built from its entries here, once.
     */
    @PostConstruct
    void createIndexes() {
        Flux.concat(
                mongo.indexOps(LedgerMovementDocument.class).createIndex(new Index()
                        .on(LedgerMovementDocument.PARTNER_ID, Sort.Direction.ASC)
                        .on(LedgerMovementDocument.SEQUENCE, Sort.Direction.ASC)),
                mongo.indexOps(LedgerMovementDocument.class).createIndex(new Index()
                        .on(LedgerMovementDocument.PARTNER_ID, Sort.Direction.ASC)
                        .on(LedgerMovementDocument.RECORDED_AT, Sort.Direction.ASC)))
                .then().block();
        listExistingEntries();
    }

    private void listExistingEntries() {
        boolean listed = Boolean.TRUE.equals(mongo.exists(new Query(), LedgerPartnerEntriesDocument.class).block());
        if (listed) {
            return;
        }
        Query idsOnly = new Query();
        idsOnly.fields().include(LedgerEntryDocument.PARTNER_ID);
        Map<String, List<String>> byPartner = new TreeMap<>();
        mongo.find(idsOnly, org.bson.Document.class, LedgerEntryDocument.COLLECTION).toIterable().forEach(entry ->
                byPartner.computeIfAbsent(entry.getString(LedgerEntryDocument.PARTNER_ID), key -> new ArrayList<>())
                        .add(entry.getString("_id")));
        byPartner.forEach((partnerId, entryIds) -> mongo.upsert(Query.query(Criteria.where("_id").is(partnerId)),
                new org.springframework.data.mongodb.core.query.Update()
                        .addToSet(LedgerPartnerEntriesDocument.ENTRY_IDS).each(entryIds.toArray()),
                LedgerPartnerEntriesDocument.class).block());
    }

    Instant now() {
        return clock.instant();
    }

    /**
     * Balances, the next payable date, the last {@value #SUMMARY_MONTHS} UTC months up to this one (months with
     * earnings only, oldest first, currencies in code order), the {@value LedgerBalanceDocument#RECENT} latest
     * entries (newest first) and the global position of the last applied event as version (-1: none). An unknown
     * partner gets an empty summary.
     */
    Mono<EarningsSummary> summary(String partnerId) {
        return mongo.findById(partnerId, LedgerBalanceDocument.class)
                .flatMap(balance -> summaries(List.of(balance)).map(summaries -> summaries.get(0)))
                .defaultIfEmpty(new EarningsSummary(partnerId, List.of(), null, List.of(), List.of(), -1));
    }

    /**
     * The summaries of several partners from their balance documents (the projection pushes the summaries of every
     * partner a batch changed). A balance carries its summary; one written before it did has its months and recent
     * entries read, with one query for all such partners' months and one for their entries.
     */
    Mono<List<EarningsSummary>> summaries(List<LedgerBalanceDocument> balances) {
        YearMonth thisMonth = YearMonth.from(now().atZone(ZoneOffset.UTC));
        List<LedgerBalanceDocument> toRead = balances.stream().filter(balance -> !balance.carriesSummary()).toList();
        Mono<Map<String, EarningsSummary>> read = toRead.isEmpty() ? Mono.just(Map.of())
                : readSummaries(toRead, thisMonth).map(summaries -> summaries.stream()
                .collect(java.util.stream.Collectors.toMap(EarningsSummary::partnerId, Function.identity())));
        return read.map(readById -> balances.stream()
                .map(balance -> balance.carriesSummary() ? balance.summary(thisMonth, SUMMARY_MONTHS)
                        : readById.get(balance.id()))
                .toList());
    }

    /** The summaries of balances that do not carry them, with one query for their months and one for their entries. */
    private Mono<List<EarningsSummary>> readSummaries(List<LedgerBalanceDocument> balances, YearMonth thisMonth) {
        List<String> monthIds = new ArrayList<>();
        List<String> entryIds = new ArrayList<>();
        for (LedgerBalanceDocument balance : balances) {
            for (LedgerBalanceDocument.Line line : balance.currencies()) {
                for (int back = SUMMARY_MONTHS - 1; back >= 0; back--) {
                    monthIds.add(MonthlyEarningsDocument.id(balance.id(), line.currency(), thisMonth.minusMonths(back)));
                }
            }
            entryIds.addAll(balance.recentEntryIds());
        }
        Mono<Map<String, List<MonthlyEarningsDocument>>> months = mongo.find(
                        Query.query(Criteria.where("_id").in(monthIds)), MonthlyEarningsDocument.class)
                .collectMultimap(MonthlyEarningsDocument::partnerId)
                .map(byPartner -> byPartner.entrySet().stream().collect(java.util.stream.Collectors.toMap(
                        Map.Entry::getKey, entry -> List.copyOf(entry.getValue()))));
        Mono<Map<String, LedgerEntryDocument>> entries = mongo.find(
                        Query.query(Criteria.where("_id").in(entryIds)), LedgerEntryDocument.class)
                .collectMap(LedgerEntryDocument::id, Function.identity());
        return Mono.zip(months, entries, (monthsByPartner, entriesById) -> balances.stream()
                .map(balance -> new EarningsSummary(balance.id(), balance.balances(), balance.nextPayableAt(),
                        monthsByPartner.getOrDefault(balance.id(), List.of()).stream()
                                .sorted(Comparator.comparing(MonthlyEarningsDocument::month)
                                        .thenComparing(MonthlyEarningsDocument::currency))
                                .map(MonthlyEarningsDocument::toMonthlyEarnings)
                                .toList(),
                        balance.recentEntryIds().stream().map(entriesById::get).filter(Objects::nonNull)
                                .map(LedgerEntryDocument::toView).toList(),
                        balance.lastSequence()))
                .toList());
    }

    Mono<LedgerBalance> currentBalance(String partnerId) {
        Instant now = now();
        return mongo.findById(partnerId, LedgerBalanceDocument.class)
                .map(balance -> new LedgerBalance(partnerId, now, balance.balances(), balance.nextPayableAt()))
                .defaultIfEmpty(new LedgerBalance(partnerId, now, List.of(), null));
    }

    /** The balances from every movement recorded at or before {@code asOf}, and what was still pending then. */
    Mono<LedgerBalance> balanceAsOf(String partnerId, Instant asOf) {
        Query query = Query.query(Criteria.where(LedgerMovementDocument.PARTNER_ID).is(partnerId)
                        .and(LedgerMovementDocument.RECORDED_AT).lte(asOf))
                .with(Sort.by(LedgerMovementDocument.SEQUENCE));
        return mongo.find(query, LedgerMovementDocument.class).collectList()
                .map(movements -> new LedgerBalance(partnerId, asOf, fold(movements), nextPayableAt(movements)));
    }

    /** Movements of one partner recorded before {@code to} (null: all), in sequence order. */
    Mono<List<LedgerMovementDocument>> movementsBefore(String partnerId, Instant to) {
        Criteria criteria = Criteria.where(LedgerMovementDocument.PARTNER_ID).is(partnerId);
        if (to != null) {
            criteria = criteria.and(LedgerMovementDocument.RECORDED_AT).lt(to);
        }
        return mongo.find(Query.query(criteria).with(Sort.by(LedgerMovementDocument.SEQUENCE)),
                LedgerMovementDocument.class).collectList();
    }

    /** Balances per currency (in code order) from movements, as the balance documents sum them. */
    static List<CurrencyBalance> fold(List<LedgerMovementDocument> movements) {
        Map<String, LedgerBalanceDocument.Line> lines = new TreeMap<>();
        for (LedgerMovementDocument movement : movements) {
            lines.merge(movement.currency(), LedgerBalanceDocument.Line.zero(movement.currency()).plus(movement),
                    (line, ignored) -> line.plus(movement));
        }
        return lines.values().stream().map(LedgerBalanceDocument.Line::toBalance).toList();
    }

    /** Lines of {@code currencies} not in {@code balances} as zero, all in code order. */
    static List<CurrencyBalance> withCurrencies(List<CurrencyBalance> balances, List<String> currencies) {
        Map<String, CurrencyBalance> byCurrency = new TreeMap<>();
        balances.forEach(balance -> byCurrency.put(balance.currency(), balance));
        currencies.forEach(currency -> byCurrency.computeIfAbsent(currency,
                code -> LedgerBalanceDocument.Line.zero(code).toBalance()));
        return List.copyOf(byCurrency.values());
    }

    /** The earliest payableAt of the entries that still had money pending after {@code movements}. */
    static Instant nextPayableAt(List<LedgerMovementDocument> movements) {
        Map<String, long[]> pendingByEntry = new LinkedHashMap<>();
        Map<String, Instant> payableAt = new LinkedHashMap<>();
        for (LedgerMovementDocument movement : movements) {
            if (movement.type() == MovementType.ACCRUED) {
                pendingByEntry.put(movement.entryId(), new long[]{movement.amount().amountMinor()});
                payableAt.put(movement.entryId(), movement.payableAt());
            } else if (movement.type() == MovementType.RELEASED) {
                pendingByEntry.remove(movement.entryId());
            } else if (movement.type() == MovementType.REVERSED && movement.from() == EntryStatus.PENDING) {
                long[] pending = pendingByEntry.get(movement.reversedEntryId());
                if (pending != null) {
                    pending[0] += movement.amount().amountMinor();
                }
            }
        }
        return pendingByEntry.entrySet().stream()
                .filter(entry -> entry.getValue()[0] > 0)
                .map(entry -> payableAt.get(entry.getKey()))
                .filter(Objects::nonNull)
                .min(Comparator.naturalOrder())
                .orElse(null);
    }
}
