package io.channelbook.ui.web.ledger;

import io.channelbook.api.ledger.AdjustLedgerCommand;
import io.channelbook.api.ledger.EntryKind;
import io.channelbook.api.ledger.FindJournalQuery;
import io.channelbook.api.ledger.FindLedgerHistoryQuery;
import io.channelbook.api.ledger.JournalPosting;
import io.channelbook.api.ledger.LedgerAuditReport;
import io.channelbook.api.ledger.LedgerBalance;
import io.channelbook.api.ledger.LedgerEntryPage;
import io.channelbook.api.ledger.LedgerEntryView;
import io.channelbook.api.ledger.LedgerHistoryPage;
import io.channelbook.api.ledger.LedgerIds;
import io.channelbook.api.ledger.MovementType;
import io.channelbook.api.ledger.RecordPayoutCommand;
import io.channelbook.api.ledger.RunLedgerAuditQuery;
import io.channelbook.api.money.Money;
import io.channelbook.api.partner.FindPartnerQuery;
import io.channelbook.api.partner.PartnerView;
import io.channelbook.ui.web.CommandDispatcher;
import io.channelbook.ui.web.problem.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ledger for finance and program admins: any partner's balances (as of any instant), entries with their
 * explanations, statements, the movement history and the double-entry journal (JSON or CSV), manual adjustments and
 * payouts, and the independent audit of the read models against the event stream.
 */
@RestController
@RequestMapping("/api/ledger")
@Tag(name = "Ledger (finance)")
class LedgerController {

    private final CommandDispatcher commands;
    private final QueryGateway queries;
    private final LedgerReads reads;

    LedgerController(CommandDispatcher commands, QueryGateway queries, LedgerReads reads) {
        this.commands = commands;
        this.queries = queries;
        this.reads = reads;
    }

    @GetMapping("/partners/{partnerId}/balance")
    @Operation(summary = "A partner's pending, payable, paid, reversed and lifetime balances per currency, now or as of an instant")
    Mono<LedgerBalance> balance(@PathVariable String partnerId,
                                @Parameter(description = "ISO-8601 instant (2026-11-01T00:00:00Z) or date (UTC midnight); absent: now")
                                @RequestParam(required = false) String asOf) {
        return reads.balance(partnerId, asOf);
    }

    @GetMapping("/partners/{partnerId}/entries")
    @Operation(summary = "A page of a partner's entries recorded in [from, to), newest first, optionally of one kind",
            description = "Each entry carries its explanation: plan and version, rule, base, rate or bounty, multiplier, cap, share and rounding.")
    Mono<LedgerEntryPage> entries(@PathVariable String partnerId,
                                  @Parameter(description = "ISO-8601 instant or date, inclusive") @RequestParam(required = false) String from,
                                  @Parameter(description = "ISO-8601 instant or date, exclusive") @RequestParam(required = false) String to,
                                  @RequestParam(required = false) EntryKind kind,
                                  @RequestParam(defaultValue = "0") @Min(0) int page,
                                  @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return reads.entries(partnerId, from, to, kind, page, size);
    }

    @GetMapping("/partners/{partnerId}/entries/{entryId}")
    @Operation(summary = "One entry: its status, what is left of it after reversals, its explanation and the event that caused it")
    Mono<LedgerEntryView> entry(@PathVariable String partnerId, @PathVariable String entryId) {
        return reads.entry(partnerId, entryId);
    }

    @GetMapping(path = "/partners/{partnerId}/statement", produces = {MediaType.APPLICATION_JSON_VALUE, LedgerCsv.TEXT_CSV_VALUE})
    @Operation(summary = "A partner's statement for [from, to): opening balances, every movement, closing balances",
            description = "JSON, or CSV (attachment) with Accept: text/csv: a block with partner and period, a block with "
                    + "opening and closing balances per currency, a block with one row per movement; amounts in major units. "
                    + "Without to: until now; without from: since the first of to's month (UTC).")
    Mono<ResponseEntity<Object>> statement(@PathVariable String partnerId,
                                           @RequestParam(required = false) String from,
                                           @RequestParam(required = false) String to,
                                           @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        return reads.statement(partnerId, from, to).map(statement -> LedgerReads.statementResponse(statement, accept));
    }

    @GetMapping(path = "/history", produces = {MediaType.APPLICATION_JSON_VALUE, LedgerCsv.TEXT_CSV_VALUE})
    @Operation(summary = "The finance audit history: every balance movement in event order, with actor, reason and causation",
            description = "Filters combine; absent filters do not filter. JSON (a page), or CSV (attachment, the same page) "
                    + "with Accept: text/csv; X-Total-Count says how many movements match.")
    Mono<ResponseEntity<Object>> history(@RequestParam(required = false) @Size(max = 100) String partnerId,
                                         @RequestParam(required = false) MovementType type,
                                         @RequestParam(required = false) @Size(max = 200) String actorId,
                                         @RequestParam(required = false) @Size(max = 100) String registrationId,
                                         @RequestParam(required = false) String from,
                                         @RequestParam(required = false) String to,
                                         @RequestParam(defaultValue = "0") @Min(0) int page,
                                         @RequestParam(defaultValue = "100") @Min(1) @Max(5000) int size,
                                         @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        Instant start = LedgerParams.instant("from", from);
        Instant end = LedgerParams.instant("to", to);
        LedgerParams.range(start, end);
        return Mono.fromFuture(() -> queries.query(new FindLedgerHistoryQuery(blankToNull(partnerId), type, blankToNull(actorId),
                        blankToNull(registrationId), start, end, page, size), ResponseTypes.instanceOf(LedgerHistoryPage.class)))
                .defaultIfEmpty(new LedgerHistoryPage(List.of(), 0, page, size))
                .map(history -> {
                    if (LedgerCsv.prefersCsv(accept)) {
                        ResponseEntity<Object> csv = LedgerCsv.attachment("ledger-history.csv", LedgerCsv.movements(history.movements()));
                        return ResponseEntity.status(csv.getStatusCode()).headers(csv.getHeaders())
                                .header("X-Total-Count", Long.toString(history.total())).body(csv.getBody());
                    }
                    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                            .header("X-Total-Count", Long.toString(history.total())).body(history);
                });
    }

    @GetMapping(path = "/journal", produces = {MediaType.APPLICATION_JSON_VALUE, LedgerCsv.TEXT_CSV_VALUE})
    @Operation(summary = "The double-entry journal in [from, to), of one partner or all: each movement's debits equal its credits",
            description = "JSON (an array), or CSV (attachment) with Accept: text/csv.")
    Mono<ResponseEntity<Object>> journal(@RequestParam(required = false) @Size(max = 100) String partnerId,
                                         @RequestParam(required = false) String from,
                                         @RequestParam(required = false) String to,
                                         @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        Instant start = LedgerParams.instant("from", from);
        Instant end = LedgerParams.instant("to", to);
        LedgerParams.range(start, end);
        return Mono.fromFuture(() -> queries.query(new FindJournalQuery(blankToNull(partnerId), start, end),
                        ResponseTypes.multipleInstancesOf(JournalPosting.class)))
                .defaultIfEmpty(List.of())
                .map(postings -> LedgerCsv.prefersCsv(accept)
                        ? LedgerCsv.attachment("ledger-journal.csv", LedgerCsv.journal(postings))
                        : ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(postings));
    }

    @PostMapping("/partners/{partnerId}/adjustments")
    @Operation(summary = "Correct a partner's ledger by hand: a positive or negative amount with a reason, payable at once",
            description = "adjustmentId is your idempotency key: repeating the request changes nothing; the same id with "
                    + "another amount or reason is refused with 409. The adjustment names you as its actor.")
    @ApiResponse(responseCode = "202", description = "Recorded",
            content = @Content(schema = @Schema(example = "{\"partnerId\":\"…\",\"adjustmentId\":\"fix-2026-11-17\"}")))
    Mono<ResponseEntity<Map<String, Object>>> adjust(@PathVariable String partnerId,
                                                     @Valid @RequestBody LedgerRequests.Adjustment request,
                                                     ServerWebExchange exchange) {
        Money amount = request.money();
        String adjustmentId = request.adjustmentId().strip();
        return existingPartner(partnerId)
                .then(commands.send(new AdjustLedgerCommand(LedgerIds.ofPartner(partnerId), partnerId, adjustmentId, amount,
                        request.reason().strip()), exchange).map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty()))
                .map(result -> accepted(partnerId, "adjustmentId", adjustmentId, result));
    }

    @PostMapping("/partners/{partnerId}/payouts")
    @Operation(summary = "Record a payout made outside Channelbook: moves the amount from payable to paid",
            description = "payoutId is your idempotency key: repeating the request changes nothing; the same id with "
                    + "another payload is refused with 409. A payout larger than the payable balance is refused.")
    Mono<ResponseEntity<Map<String, Object>>> payout(@PathVariable String partnerId,
                                                     @Valid @RequestBody LedgerRequests.Payout request,
                                                     ServerWebExchange exchange) {
        Money amount = request.money();
        String payoutId = request.payoutId().strip();
        return existingPartner(partnerId)
                .then(commands.send(new RecordPayoutCommand(LedgerIds.ofPartner(partnerId), partnerId, payoutId, amount,
                        request.reference().strip(), request.paidOn()), exchange).map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty()))
                .map(result -> accepted(partnerId, "payoutId", payoutId, result));
    }

    @PostMapping("/audit-runs")
    @Operation(summary = "Run the independent ledger audit: recompute every balance from the raw event stream and compare it with the read models",
            description = "Answers the report; any difference is a defect. May take a while on a long history.")
    Mono<LedgerAuditReport> audit() {
        return Mono.fromFuture(() -> queries.query(new RunLedgerAuditQuery(), ResponseTypes.instanceOf(LedgerAuditReport.class)))
                .switchIfEmpty(Mono.error(() -> new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "audit_unavailable",
                        "The ledger auditor gave no report; try again shortly")));
    }

    /** Money is only booked for partners that exist; an unknown (or mistyped) partner id is a 404 that writes nothing. */
    private Mono<PartnerView> existingPartner(String partnerId) {
        return Mono.fromFuture(() -> queries.query(new FindPartnerQuery(partnerId), ResponseTypes.instanceOf(PartnerView.class)))
                .switchIfEmpty(Mono.error(() -> ApiProblem.notFound("partner_not_found", "No partner with id " + partnerId)));
    }

    private static ResponseEntity<Map<String, Object>> accepted(String partnerId, String keyName, String key, java.util.Optional<Object> result) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("partnerId", partnerId);
        body.put(keyName, key);
        result.filter(String.class::isInstance).ifPresent(entryId -> body.put("entryId", entryId));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(body);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
