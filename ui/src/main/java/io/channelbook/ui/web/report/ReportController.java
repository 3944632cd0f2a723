package io.channelbook.ui.web.report;

import io.channelbook.api.report.AttributionComparison;
import io.channelbook.api.report.AttributionModel;
import io.channelbook.api.report.AttributionRunList;
import io.channelbook.api.report.AttributionRunView;
import io.channelbook.api.report.CancelAttributionRunCommand;
import io.channelbook.api.report.CommissionRoiReport;
import io.channelbook.api.report.CompareAttributionRunsQuery;
import io.channelbook.api.report.FindAttributionRunQuery;
import io.channelbook.api.report.FindAttributionRunsQuery;
import io.channelbook.api.report.FindCommissionRoiQuery;
import io.channelbook.api.report.FindPipelineContributionQuery;
import io.channelbook.api.report.FindReplayProgressQuery;
import io.channelbook.api.report.FindRevenueOverTimeQuery;
import io.channelbook.api.report.FindTierProgressQuery;
import io.channelbook.api.report.PipelineContributionReport;
import io.channelbook.api.report.ReplayProgress;
import io.channelbook.api.report.RevenueOverTimeReport;
import io.channelbook.api.report.StartAttributionRunCommand;
import io.channelbook.api.report.TierProgressReport;
import io.channelbook.api.report.TouchWeights;
import io.channelbook.ui.web.CommandDispatcher;
import io.channelbook.ui.web.problem.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Analyst reports, all replayed from the event history: attribution runs (started, followed live, cancelled,
 * compared) and the program reports (pipeline, revenue over time, commission ROI, tier progress). JSON by default,
 * CSV with {@code Accept: text/csv}.
 */
@RestController
@RequestMapping("/api/reports")
@Tag(name = "Reports", description = "Attribution runs and program reports replayed from the event history")
class ReportController {

    private final CommandDispatcher commands;
    private final QueryGateway queries;
    private final String defaultThresholds;

    ReportController(CommandDispatcher commands, QueryGateway queries,
                     @Value("${channelbook.reports.tier-thresholds:}") String defaultThresholds) {
        this.commands = commands;
        this.queries = queries;
        this.defaultThresholds = defaultThresholds;
    }

    // --- attribution runs -----------------------------------------------------------------------------------------

    @PostMapping("/attribution-runs")
    @Operation(summary = "Start an attribution run: a replay of the event history up to asOf (default now) and the "
            + "head of the stream, on its own thread",
            description = "Answers 202 with the run id at once; follow it at …/{runId}/progress (SSE) and read it at …/{runId}. "
                    + "Models: SOURCED_ONLY, EVEN, WEIGHTED (weights, default 60/30/10), FIRST_TOUCH, LAST_TOUCH.")
    Mono<ResponseEntity<Map<String, Object>>> start(@Valid @RequestBody ReportRequests.AttributionRun request,
                                                    ServerWebExchange exchange) {
        ReportRequests.requireOrderedPeriod(request.from(), request.to());
        String runId = UUID.randomUUID().toString();
        return commands.<String>send(new StartAttributionRunCommand(runId, request.toParameters()), exchange)
                .then(Mono.fromSupplier(() -> {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("runId", runId);
                    body.put("run", "/api/reports/attribution-runs/" + runId);
                    body.put("progress", "/api/reports/attribution-runs/" + runId + "/progress");
                    return ResponseEntity.status(HttpStatus.ACCEPTED)
                            .location(URI.create("/api/reports/attribution-runs/" + runId)).body(body);
                }));
    }

    @GetMapping(path = "/attribution-runs", produces = {MediaType.APPLICATION_JSON_VALUE, ReportCsv.TEXT_CSV_VALUE})
    @Operation(summary = "Recent runs (newest first, without rows), or with compare=a,b two runs side by side")
    Mono<ResponseEntity<Object>> runs(@RequestParam(required = false) String compare,
                                      @RequestParam(defaultValue = "50") int limit,
                                      @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        if (compare != null) {
            String[] ids = compare.split(",");
            if (ids.length != 2 || ids[0].isBlank() || ids[1].isBlank()) {
                throw ApiProblem.badRequest("invalid_compare", "compare takes two run ids: compare=a,b");
            }
            return comparison(ids[0].strip(), ids[1].strip(), accept);
        }
        return query(() -> queries.query(new FindAttributionRunsQuery(limit), ResponseTypes.instanceOf(AttributionRunList.class)))
                .map(list -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body((Object) list));
    }

    @GetMapping(path = "/attribution-runs/{runId}", produces = {MediaType.APPLICATION_JSON_VALUE, ReportCsv.TEXT_CSV_VALUE})
    @Operation(summary = "A run: parameters (with the stop position), status and progress and, once COMPLETED, its rows "
            + "per partner, tier, product, month and currency, and totals per currency")
    Mono<ResponseEntity<Object>> run(@PathVariable String runId,
                                     @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        return query(() -> queries.query(new FindAttributionRunQuery(runId), ResponseTypes.instanceOf(AttributionRunView.class)))
                .switchIfEmpty(Mono.error(() -> notFound(runId)))
                .map(run -> {
                    if (ReportCsv.prefersCsv(accept) && !run.complete()) {
                        throw new ApiProblem(HttpStatus.CONFLICT, "attribution_run_not_complete", "Run " + runId
                                + " is " + run.progress().status() + ": only a COMPLETED run has rows to export");
                    }
                    return ReportCsv.respond(run, accept, "attribution-" + runId, ReportCsv::run);
                });
    }

    @GetMapping(path = "/attribution-runs/{runId}/progress", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Server-Sent Events (event 'progress'): events processed, total, percent, rate, ETA; the stream "
            + "ends with the run's final state (100% when COMPLETED)")
    Flux<ServerSentEvent<ReplayProgress>> progress(@PathVariable String runId) {
        return Flux.using(
                () -> queries.subscriptionQuery(new FindReplayProgressQuery(runId),
                        ResponseTypes.instanceOf(ReplayProgress.class), ResponseTypes.instanceOf(ReplayProgress.class)),
                subscription -> subscription.initialResult()
                        .switchIfEmpty(Mono.error(() -> notFound(runId)))
                        .flatMapMany(initial -> initial.status().isFinal() ? Flux.just(initial)
                                : Flux.concat(Flux.just(initial), subscription.updates())
                                .takeUntil(progress -> progress.status().isFinal()))
                        .map(progress -> ServerSentEvent.builder(progress).event("progress").build()),
                SubscriptionQueryResult::close);
    }

    @PostMapping("/attribution-runs/{runId}/cancel")
    @Operation(summary = "Stop a queued or running run: it ends CANCELLED and keeps no rows (409 when already final)")
    Mono<ResponseEntity<Map<String, Object>>> cancel(@PathVariable String runId, ServerWebExchange exchange) {
        return commands.send(new CancelAttributionRunCommand(runId), exchange)
                .then(Mono.fromSupplier(() -> ResponseEntity.status(HttpStatus.ACCEPTED)
                        .body(Map.<String, Object>of("runId", runId, "cancelRequested", true))));
    }

    @GetMapping(path = "/attribution-runs/{runA}/compare/{runB}", produces = {MediaType.APPLICATION_JSON_VALUE, ReportCsv.TEXT_CSV_VALUE})
    @Operation(summary = "Two runs side by side: attributed revenue per row key in each, and the difference b - a")
    Mono<ResponseEntity<Object>> compare(@PathVariable String runA, @PathVariable String runB,
                                         @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        return comparison(runA, runB, accept);
    }

    private Mono<ResponseEntity<Object>> comparison(String runA, String runB, String accept) {
        return query(() -> queries.query(new CompareAttributionRunsQuery(runA, runB),
                ResponseTypes.instanceOf(AttributionComparison.class)))
                .switchIfEmpty(Mono.error(() -> ApiProblem.notFound("attribution_run_not_found",
                        "No attribution run " + runA + " or " + runB)))
                .map(comparison -> ReportCsv.respond(comparison, accept, "attribution-" + runA + "-vs-" + runB,
                        ReportCsv::comparison));
    }

    // --- program reports ------------------------------------------------------------------------------------------

    @GetMapping(path = "/pipeline", produces = {MediaType.APPLICATION_JSON_VALUE, ReportCsv.TEXT_CSV_VALUE})
    @Operation(summary = "Pipeline contribution: open registrations per partner, stage and currency with their expected value")
    Mono<ResponseEntity<Object>> pipeline(@RequestParam(required = false) Instant asOf,
                                          @RequestParam(required = false) String partnerId,
                                          @RequestParam(required = false) String tier,
                                          @RequestParam(required = false) String product,
                                          @RequestParam(required = false) String currency,
                                          @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        FindPipelineContributionQuery query = new FindPipelineContributionQuery(asOf,
                ReportRequests.filters(partnerId, tier, product, currency));
        return query(() -> queries.query(query, ResponseTypes.instanceOf(PipelineContributionReport.class)))
                .map(report -> ReportCsv.respond(report, accept, "pipeline", ReportCsv::pipeline));
    }

    @GetMapping(path = "/revenue-over-time", produces = {MediaType.APPLICATION_JSON_VALUE, ReportCsv.TEXT_CSV_VALUE})
    @Operation(summary = "Sourced, influenced and delivered revenue (won less refunded) per month of close and currency")
    Mono<ResponseEntity<Object>> revenue(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                         @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                                         @RequestParam(required = false) Instant asOf,
                                         @RequestParam(required = false) String partnerId,
                                         @RequestParam(required = false) String tier,
                                         @RequestParam(required = false) String product,
                                         @RequestParam(required = false) String currency,
                                         @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        ReportRequests.requireOrderedPeriod(from, to);
        FindRevenueOverTimeQuery query = new FindRevenueOverTimeQuery(from, to, asOf,
                ReportRequests.filters(partnerId, tier, product, currency));
        return query(() -> queries.query(query, ResponseTypes.instanceOf(RevenueOverTimeReport.class)))
                .map(report -> ReportCsv.respond(report, accept, "revenue-over-time", ReportCsv::revenue));
    }

    @GetMapping(path = "/commission-roi", produces = {MediaType.APPLICATION_JSON_VALUE, ReportCsv.TEXT_CSV_VALUE})
    @Operation(summary = "Commission cost (accrued + reversed + adjusted) against attributed revenue per partner and tier",
            description = "weights=60,30,10 for the WEIGHTED model (the default model).")
    Mono<ResponseEntity<Object>> roi(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                     @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                                     @RequestParam(required = false) Instant asOf,
                                     @RequestParam(required = false) AttributionModel model,
                                     @RequestParam(required = false) String weights,
                                     @RequestParam(required = false) String partnerId,
                                     @RequestParam(required = false) String tier,
                                     @RequestParam(required = false) String currency,
                                     @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        ReportRequests.requireOrderedPeriod(from, to);
        FindCommissionRoiQuery query = new FindCommissionRoiQuery(from, to, asOf, model, weights(weights),
                ReportRequests.filters(partnerId, tier, null, currency));
        return query(() -> queries.query(query, ResponseTypes.instanceOf(CommissionRoiReport.class)))
                .map(report -> ReportCsv.respond(report, accept, "commission-roi", ReportCsv::roi));
    }

    @GetMapping(path = "/tier-progress", produces = {MediaType.APPLICATION_JSON_VALUE, ReportCsv.TEXT_CSV_VALUE})
    @Operation(summary = "Each partner's sourced volume in [from, to] against the tier thresholds",
            description = "thresholds=SILVER:50000.00:EUR,GOLD:100000.00:EUR; default: channelbook.reports.tier-thresholds. "
                    + "Without from: 1 January of this year (UTC); without to: today.")
    Mono<ResponseEntity<Object>> tierProgress(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                              @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                                              @RequestParam(required = false) Instant asOf,
                                              @RequestParam(required = false) String thresholds,
                                              @RequestParam(required = false) String partnerId,
                                              @RequestParam(required = false) String tier,
                                              @RequestParam(required = false) String currency,
                                              @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
        LocalDate periodTo = to == null ? today : to;
        LocalDate periodFrom = from == null ? periodTo.withDayOfYear(1) : from;
        ReportRequests.requireOrderedPeriod(periodFrom, periodTo);
        FindTierProgressQuery query = new FindTierProgressQuery(periodFrom, periodTo, asOf,
                ReportRequests.thresholds(thresholds == null ? defaultThresholds : thresholds),
                ReportRequests.filters(partnerId, tier, null, currency));
        return query(() -> queries.query(query, ResponseTypes.instanceOf(TierProgressReport.class)))
                .map(report -> ReportCsv.respond(report, accept, "tier-progress", ReportCsv::tierProgress));
    }

    private static TouchWeights weights(String spec) {
        if (spec == null || spec.isBlank()) {
            return null;
        }
        String[] parts = spec.split(",");
        try {
            if (parts.length != 3) {
                throw new NumberFormatException("three weights expected");
            }
            TouchWeights weights = new TouchWeights(Integer.parseInt(parts[0].strip()),
                    Integer.parseInt(parts[1].strip()), Integer.parseInt(parts[2].strip()));
            if (weights.sourced() < 0 || weights.influenced() < 0 || weights.delivered() < 0) {
                throw new NumberFormatException("weights must not be negative");
            }
            return weights;
        } catch (NumberFormatException bad) {
            throw ApiProblem.badRequest("invalid_weights", "weights are three non-negative whole numbers "
                    + "sourced,influenced,delivered (e.g. 60,30,10): " + bad.getMessage());
        }
    }

    private static <T> Mono<T> query(Supplier<CompletableFuture<T>> query) {
        return Mono.fromFuture(query);
    }

    private static ApiProblem notFound(String runId) {
        return ApiProblem.notFound("attribution_run_not_found", "No attribution run " + runId);
    }
}
