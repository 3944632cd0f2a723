package io.channelbook.query.ledger;

import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

import java.time.Clock;
import java.util.List;

/** The ledger read model's parts, for tests in other packages (the auditor's). */
public final class LedgerFixtures {

    public static final List<String> COLLECTIONS = List.of(LedgerMovementDocument.COLLECTION,
            LedgerEntryDocument.COLLECTION, LedgerBalanceDocument.COLLECTION, MonthlyEarningsDocument.COLLECTION,
            LedgerPartnerEntriesDocument.COLLECTION);

    private LedgerFixtures() {
    }

    /** The ledger projection (an event handler object for {@link LedgerFeed} or an Axon adapter). */
    public static Object projection(ReactiveMongoTemplate mongo, QueryUpdateEmitter emitter, Clock clock) {
        return new LedgerProjection(mongo, emitter, new LedgerReadModel(mongo, clock));
    }

    /** The ledger query handlers (for an Axon annotation query handler adapter). */
    public static Object queryHandlers(ReactiveMongoTemplate mongo, Clock clock) {
        return new LedgerQueryHandlers(mongo, new LedgerReadModel(mongo, clock));
    }

    public static String balancesCollection() {
        return LedgerBalanceDocument.COLLECTION;
    }
}
