package io.channelbook.ui.web.ledger;

import io.channelbook.api.ledger.EntryKind;
import io.channelbook.api.ledger.FindLedgerBalanceQuery;
import io.channelbook.api.ledger.FindLedgerEntriesQuery;
import io.channelbook.api.ledger.FindLedgerEntryQuery;
import io.channelbook.api.ledger.FindLedgerStatementQuery;
import io.channelbook.api.ledger.LedgerBalance;
import io.channelbook.api.ledger.LedgerEntryPage;
import io.channelbook.api.ledger.LedgerEntryView;
import io.channelbook.api.ledger.LedgerMovement;
import io.channelbook.api.ledger.LedgerStatement;
import io.channelbook.ui.web.problem.ApiProblem;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The ledger reads that finance (any partner) and partner users (their own, via {@code /api/me}) share. Every answer
 * is checked to belong to the partner asked for: a row of another partner is dropped and logged as the defect it is,
 * so a read-model mistake can never show one partner another's money.
 */
@Component
class LedgerReads {

    private static final Logger log = LoggerFactory.getLogger(LedgerReads.class);

    private final QueryGateway queries;
    private final Clock clock;

    LedgerReads(QueryGateway queries, Clock clock) {
        this.queries = queries;
        this.clock = clock;
    }

    Mono<LedgerBalance> balance(String partnerId, String asOfParam) {
        Instant asOf = LedgerParams.instant("asOf", asOfParam);
        return Mono.fromFuture(() -> queries.query(new FindLedgerBalanceQuery(partnerId, asOf), ResponseTypes.instanceOf(LedgerBalance.class)))
                .filter(balance -> belongs(partnerId, balance.partnerId(), "balance"))
                .defaultIfEmpty(new LedgerBalance(partnerId, asOf == null ? clock.instant() : asOf, List.of(), null));
    }

    Mono<LedgerEntryPage> entries(String partnerId, String fromParam, String toParam, EntryKind kind, int page, int size) {
        Instant from = LedgerParams.instant("from", fromParam);
        Instant to = LedgerParams.instant("to", toParam);
        LedgerParams.range(from, to);
        return Mono.fromFuture(() -> queries.query(new FindLedgerEntriesQuery(partnerId, from, to, kind, page, size),
                        ResponseTypes.instanceOf(LedgerEntryPage.class)))
                .map(entries -> new LedgerEntryPage(entries.entries() == null ? List.of() : entries.entries().stream()
                        .filter(entry -> belongs(partnerId, entry.partnerId(), "entry " + entry.entryId()))
                        .toList(), entries.total(), entries.page(), entries.size()))
                .defaultIfEmpty(new LedgerEntryPage(List.of(), 0, page, size));
    }

    Mono<LedgerEntryView> entry(String partnerId, String entryId) {
        return Mono.fromFuture(() -> queries.query(new FindLedgerEntryQuery(partnerId, entryId), ResponseTypes.instanceOf(LedgerEntryView.class)))
                .filter(entry -> belongs(partnerId, entry.partnerId(), "entry " + entryId))
                .switchIfEmpty(Mono.error(() -> ApiProblem.notFound("entry_not_found", "No ledger entry with id " + entryId)));
    }

    /** The statement for [from, to); without {@code to}: until now; without {@code from}: since the first of to's month (UTC). */
    Mono<LedgerStatement> statement(String partnerId, String fromParam, String toParam) {
        Instant given = LedgerParams.instant("to", toParam);
        Instant to = given == null ? clock.instant() : given;
        Instant fromGiven = LedgerParams.instant("from", fromParam);
        Instant from = fromGiven != null ? fromGiven
                : LocalDate.ofInstant(to, ZoneOffset.UTC).withDayOfMonth(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        if (from.equals(to)) {
            // "to" is exactly the first of a month: the statement of the month before
            from = LocalDate.ofInstant(to, ZoneOffset.UTC).minusMonths(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        LedgerParams.range(from, to);
        Instant start = from;
        return Mono.fromFuture(() -> queries.query(new FindLedgerStatementQuery(partnerId, start, to), ResponseTypes.instanceOf(LedgerStatement.class)))
                .map(statement -> new LedgerStatement(statement.partnerId(), statement.from(), statement.to(), statement.opening(),
                        ownMovements(partnerId, statement.movements()), statement.closing()))
                .filter(statement -> belongs(partnerId, statement.partnerId(), "statement"))
                .defaultIfEmpty(new LedgerStatement(partnerId, start, to, List.of(), List.of(), List.of()));
    }

    /** JSON, or a CSV attachment when the client prefers {@code text/csv}. */
    static ResponseEntity<Object> statementResponse(LedgerStatement statement, String accept) {
        if (LedgerCsv.prefersCsv(accept)) {
            return LedgerCsv.attachment("statement-" + statement.partnerId() + "-" + day(statement.from()) + "-" + day(statement.to())
                    + ".csv", LedgerCsv.statement(statement));
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(statement);
    }

    private static String day(Instant instant) {
        return instant == null ? "open" : LocalDate.ofInstant(instant, ZoneOffset.UTC).toString();
    }

    static List<LedgerMovement> ownMovements(String partnerId, List<LedgerMovement> movements) {
        return movements == null ? List.of() : movements.stream()
                .filter(movement -> belongs(partnerId, movement.partnerId(), "movement " + movement.eventId()))
                .toList();
    }

    private static boolean belongs(String partnerId, String actual, String what) {
        if (actual == null || actual.equals(partnerId)) {
            return true;
        }
        log.error("The ledger read model answered {} of partner {} to a question about partner {}; not shown", what, actual, partnerId);
        return false;
    }
}
