package io.channelbook.query.ledger;

import io.channelbook.api.ledger.CurrencyBalance;
import io.channelbook.api.ledger.EarningsSummary;
import io.channelbook.api.ledger.FindEarningsSummaryQuery;
import io.channelbook.api.ledger.FindJournalQuery;
import io.channelbook.api.ledger.FindLedgerBalanceQuery;
import io.channelbook.api.ledger.FindLedgerEntriesQuery;
import io.channelbook.api.ledger.FindLedgerEntryQuery;
import io.channelbook.api.ledger.FindLedgerHistoryQuery;
import io.channelbook.api.ledger.FindLedgerStatementQuery;
import io.channelbook.api.ledger.JournalPosting;
import io.channelbook.api.ledger.LedgerBalance;
import io.channelbook.api.ledger.LedgerEntryPage;
import io.channelbook.api.ledger.LedgerEntryView;
import io.channelbook.api.ledger.LedgerHistoryPage;
import io.channelbook.api.ledger.LedgerMovement;
import io.channelbook.api.ledger.LedgerStatement;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * The ledger's queries. Unknown partners get empty answers (empty lists, no balances), never {@code null}; only
 * {@link FindLedgerEntryQuery} answers {@code null} for an entry that does not exist or is another partner's.
 * Time ranges are [from, to); a null bound does not bound.
 */
@Component
class LedgerQueryHandlers {

    /** The most a page may hold; larger sizes are cut to it. */
    static final int MAX_PAGE_SIZE = 1000;

    private static final Comparator<LedgerEntryDocument> NEWEST_FIRST = Comparator
            .comparing(LedgerEntryDocument::recordedAt, Comparator.nullsFirst(Comparator.<Instant>naturalOrder()))
            .thenComparingLong(LedgerEntryDocument::position)
            .reversed();

    private final ReactiveMongoTemplate mongo;
    private final LedgerReadModel reads;

    LedgerQueryHandlers(ReactiveMongoTemplate mongo, LedgerReadModel reads) {
        this.mongo = mongo;
        this.reads = reads;
    }

    /** {@code asOf} null: the current balances; else the sum of the movements recorded at or before it. */
    @QueryHandler
    CompletableFuture<LedgerBalance> handle(FindLedgerBalanceQuery query) {
        return (query.asOf() == null
                ? reads.currentBalance(query.partnerId())
                : reads.balanceAsOf(query.partnerId(), query.asOf())).toFuture();
    }

    /** Newest first (by recording time, then position in the stream). */
    @QueryHandler
    CompletableFuture<LedgerEntryPage> handle(FindLedgerEntriesQuery query) {
        int page = Math.max(0, query.page());
        int size = Math.min(query.size(), MAX_PAGE_SIZE);
        // the partner's entries by id (see LedgerPartnerEntriesDocument), then filtered, ordered and paged here
        return mongo.findById(query.partnerId(), LedgerPartnerEntriesDocument.class)
                .flatMapMany(listed -> mongo.find(Query.query(Criteria.where("_id").in(listed.entryIds())),
                        LedgerEntryDocument.class))
                .filter(entry -> entry.partnerId().equals(query.partnerId())
                        && (query.from() == null || !entry.recordedAt().isBefore(query.from()))
                        && (query.to() == null || entry.recordedAt().isBefore(query.to()))
                        && (query.kind() == null || entry.kind() == query.kind()))
                .sort(NEWEST_FIRST)
                .collectList()
                .map(matching -> new LedgerEntryPage(matching.stream()
                        .skip((long) page * Math.max(size, 0))
                        .limit(Math.max(size, 0))
                        .map(LedgerEntryDocument::toView)
                        .toList(), matching.size(), page, query.size()))
                .defaultIfEmpty(new LedgerEntryPage(List.of(), 0, page, query.size()))
                .toFuture();
    }

    @QueryHandler
    CompletableFuture<LedgerEntryView> handle(FindLedgerEntryQuery query) {
        return mongo.findById(query.entryId(), LedgerEntryDocument.class)
                .filter(entry -> entry.partnerId().equals(query.partnerId()))
                .map(LedgerEntryDocument::toView)
                .toFuture();
    }

    /**
     * Opening balances from the movements recorded before {@code from}, the movements in [from, to) in stream order,
     * and closing balances = opening + those movements; every currency seen in either appears in both.
     */
    @QueryHandler
    CompletableFuture<LedgerStatement> handle(FindLedgerStatementQuery query) {
        return reads.movementsBefore(query.partnerId(), query.to()).map(all -> {
            List<LedgerMovementDocument> before = all.stream()
                    .filter(movement -> query.from() != null && movement.recordedAt().isBefore(query.from()))
                    .toList();
            List<LedgerMovementDocument> during = all.stream()
                    .filter(movement -> query.from() == null || !movement.recordedAt().isBefore(query.from()))
                    .toList();
            TreeSet<String> currencies = new TreeSet<>();
            all.forEach(movement -> currencies.add(movement.currency()));
            List<String> codes = List.copyOf(currencies);
            List<CurrencyBalance> opening = LedgerReadModel.withCurrencies(LedgerReadModel.fold(before), codes);
            List<CurrencyBalance> closing = LedgerReadModel.withCurrencies(LedgerReadModel.fold(all), codes);
            return new LedgerStatement(query.partnerId(), query.from(), query.to(), opening,
                    during.stream().map(LedgerMovementDocument::toMovement).toList(), closing);
        }).toFuture();
    }

    /** Every partner's movements, oldest first (stream order), filtered and paged. */
    @QueryHandler
    CompletableFuture<LedgerHistoryPage> handle(FindLedgerHistoryQuery query) {
        Criteria criteria = new Criteria();
        if (query.partnerId() != null) {
            criteria = criteria.and(LedgerMovementDocument.PARTNER_ID).is(query.partnerId());
        }
        if (query.type() != null) {
            criteria = criteria.and(LedgerMovementDocument.TYPE).is(query.type());
        }
        if (query.actorId() != null) {
            criteria = criteria.and(LedgerMovementDocument.ACTOR_ID).is(query.actorId());
        }
        if (query.registrationId() != null) {
            criteria = criteria.and(LedgerMovementDocument.REGISTRATION_ID).is(query.registrationId());
        }
        criteria = range(criteria, LedgerMovementDocument.RECORDED_AT, query.from(), query.to());
        Query filter = Query.query(criteria);
        int page = Math.max(0, query.page());
        int size = Math.min(query.size(), MAX_PAGE_SIZE);
        Mono<Long> total = mongo.count(filter, LedgerMovementDocument.class);
        Mono<List<LedgerMovement>> movements = size <= 0 ? Mono.just(List.of()) : mongo.find(Query.of(filter)
                        .with(Sort.by(LedgerMovementDocument.SEQUENCE, "_id"))
                        .skip((long) page * size)
                        .limit(size), LedgerMovementDocument.class)
                .map(LedgerMovementDocument::toMovement)
                .collectList();
        return Mono.zip(movements, total, (found, count) -> new LedgerHistoryPage(found, count, page, query.size()))
                .toFuture();
    }

    /** Two postings per movement (debit line, credit line), in stream order. */
    @QueryHandler
    CompletableFuture<List<JournalPosting>> handle(FindJournalQuery query) {
        Criteria criteria = new Criteria();
        if (query.partnerId() != null) {
            criteria = criteria.and(LedgerMovementDocument.PARTNER_ID).is(query.partnerId());
        }
        criteria = range(criteria, LedgerMovementDocument.RECORDED_AT, query.from(), query.to());
        return mongo.find(Query.query(criteria).with(Sort.by(LedgerMovementDocument.SEQUENCE, "_id")),
                        LedgerMovementDocument.class)
                .concatMapIterable(Journal::postings)
                .collectList()
                .toFuture();
    }

    @QueryHandler
    CompletableFuture<EarningsSummary> handle(FindEarningsSummaryQuery query) {
        return reads.summary(query.partnerId()).toFuture();
    }

    private static Criteria range(Criteria criteria, String field, Instant from, Instant to) {
        if (from != null && to != null) {
            return criteria.and(field).gte(from).lt(to);
        }
        if (from != null) {
            return criteria.and(field).gte(from);
        }
        if (to != null) {
            return criteria.and(field).lt(to);
        }
        return criteria;
    }
}
