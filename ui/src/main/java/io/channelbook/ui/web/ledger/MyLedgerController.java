package io.channelbook.ui.web.ledger;

import io.channelbook.api.ledger.EarningsSummary;
import io.channelbook.api.ledger.EntryKind;
import io.channelbook.api.ledger.FindEarningsSummaryQuery;
import io.channelbook.api.ledger.LedgerBalance;
import io.channelbook.api.ledger.LedgerEntryPage;
import io.channelbook.api.ledger.LedgerEntryView;
import io.channelbook.ui.security.ChannelbookUser;
import io.channelbook.ui.security.CurrentUser;
import io.channelbook.ui.web.problem.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A partner's own ledger and earnings. The partner always comes from the login, never from the request; vendor staff
 * have no partner of their own and get 404 here, as on {@code /api/me/partner}. Finance reads any partner's ledger
 * under {@code /api/ledger}.
 */
@RestController
@RequestMapping("/api/me")
@Tag(name = "My ledger and earnings")
class MyLedgerController {

    private static final Duration HEARTBEAT = Duration.ofSeconds(15);

    private final QueryGateway queries;
    private final LedgerReads reads;

    MyLedgerController(QueryGateway queries, LedgerReads reads) {
        this.queries = queries;
        this.reads = reads;
    }

    @GetMapping("/ledger/balance")
    @Operation(summary = "My partner's balances per currency (pending, payable, paid, reversed, lifetime), now or as of an instant")
    Mono<LedgerBalance> balance(@Parameter(description = "ISO-8601 instant (2026-11-01T00:00:00Z) or date (UTC midnight); absent: now")
                                @RequestParam(required = false) String asOf) {
        return myPartner().flatMap(partnerId -> reads.balance(partnerId, asOf));
    }

    @GetMapping("/ledger/entries")
    @Operation(summary = "My partner's entries recorded in [from, to), newest first, each with why it has its amount")
    Mono<LedgerEntryPage> entries(@RequestParam(required = false) String from,
                                  @RequestParam(required = false) String to,
                                  @RequestParam(required = false) EntryKind kind,
                                  @RequestParam(defaultValue = "0") @Min(0) int page,
                                  @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return myPartner().flatMap(partnerId -> reads.entries(partnerId, from, to, kind, page, size));
    }

    @GetMapping("/ledger/entries/{entryId}")
    @Operation(summary = "One of my partner's entries: status, what is left after reversals, the deal, plan version, rule and rounding")
    Mono<LedgerEntryView> entry(@PathVariable String entryId) {
        return myPartner().flatMap(partnerId -> reads.entry(partnerId, entryId));
    }

    @GetMapping(path = "/ledger/statement", produces = {MediaType.APPLICATION_JSON_VALUE, LedgerCsv.TEXT_CSV_VALUE})
    @Operation(summary = "My partner's statement for [from, to): opening balances, every movement, closing balances",
            description = "JSON, or CSV (attachment) with Accept: text/csv. Without to: until now; without from: since "
                    + "the first of to's month (UTC).")
    Mono<ResponseEntity<Object>> statement(@RequestParam(required = false) String from,
                                           @RequestParam(required = false) String to,
                                           @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        return myPartner().flatMap(partnerId -> reads.statement(partnerId, from, to))
                .map(statement -> LedgerReads.statementResponse(statement, accept));
    }

    @GetMapping("/earnings")
    @Operation(summary = "My partner's earnings at a glance: balances, when money next becomes payable, earnings by month, latest entries")
    Mono<EarningsSummary> earnings() {
        return myPartner().flatMap(partnerId -> Mono.fromFuture(() -> queries.query(new FindEarningsSummaryQuery(partnerId),
                                ResponseTypes.instanceOf(EarningsSummary.class)))
                        .filter(summary -> Objects.equals(summary.partnerId(), partnerId))
                        .defaultIfEmpty(empty(partnerId)));
    }

    @GetMapping(path = "/earnings/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Server-Sent Events: my partner's earnings summary now and after every change (event name 'earnings')",
            description = "The first event is the current summary; every later one replaces it. A comment 'heartbeat' "
                    + "keeps the connection open. The subscription ends when the client disconnects.")
    Flux<ServerSentEvent<EarningsSummary>> earningsStream() {
        return myPartner().flatMapMany(partnerId -> Flux.using(
                () -> queries.subscriptionQuery(new FindEarningsSummaryQuery(partnerId),
                        ResponseTypes.instanceOf(EarningsSummary.class), ResponseTypes.instanceOf(EarningsSummary.class)),
                subscription -> Flux.merge(
                        Flux.concat(
                                subscription.initialResult().defaultIfEmpty(empty(partnerId)),
                                subscription.updates())
                                .filter(summary -> Objects.equals(summary.partnerId(), partnerId))
                                .map(summary -> ServerSentEvent.builder(summary).event("earnings")
                                        .id(Long.toString(summary.version())).build()),
                        Flux.interval(HEARTBEAT).map(tick -> ServerSentEvent.<EarningsSummary>builder().comment("heartbeat").build())),
                SubscriptionQueryResult::close));
    }

    /** The partner of the logged-in user; vendor staff have none. */
    private static Mono<String> myPartner() {
        return CurrentUser.get()
                .filter(user -> user.partnerId() != null)
                .map(ChannelbookUser::partnerId)
                .switchIfEmpty(Mono.error(() -> ApiProblem.notFound("partner_not_found", "You do not belong to a partner")));
    }

    private static EarningsSummary empty(String partnerId) {
        return new EarningsSummary(partnerId, List.of(), null, List.of(), List.of(), 0);
    }
}
