package io.channelbook.ui.web.page;

import io.channelbook.api.money.Money;
import io.channelbook.api.report.AttributionComparison;
import io.channelbook.api.report.AttributionModel;
import io.channelbook.api.report.AttributionRunList;
import io.channelbook.api.report.AttributionRunParameters;
import io.channelbook.api.report.AttributionRunView;
import io.channelbook.api.report.CancelAttributionRunCommand;
import io.channelbook.api.report.CommissionRoiReport;
import io.channelbook.api.report.CompareAttributionRunsQuery;
import io.channelbook.api.report.FindAttributionRunQuery;
import io.channelbook.api.report.FindAttributionRunsQuery;
import io.channelbook.api.report.FindCommissionRoiQuery;
import io.channelbook.api.report.FindPipelineContributionQuery;
import io.channelbook.api.report.FindRevenueOverTimeQuery;
import io.channelbook.api.report.FindTierProgressQuery;
import io.channelbook.api.report.PipelineContributionReport;
import io.channelbook.api.report.ReportFilters;
import io.channelbook.api.report.RevenueOverTimeReport;
import io.channelbook.api.report.StartAttributionRunCommand;
import io.channelbook.api.report.TierProgressReport;
import io.channelbook.api.report.TierThreshold;
import io.channelbook.api.report.TouchWeights;
import io.channelbook.ui.web.CommandDispatcher;
import io.channelbook.ui.web.problem.ApiProblem;
import io.channelbook.ui.web.report.ReportCsv;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Analyst reports: attribution runs (started from a form, followed by polling while they run, cancelled, exported as
 * the API's CSV over the page session, compared) and the four program reports. The same commands and queries the
 * report API sends.
 */
@Controller
class ConsoleReportPages {

    private static final String RUNS = "/console/reports";

    private final CommandDispatcher commands;
    private final Reads reads;
    private final Clock clock;
    private final String defaultThresholds;

    ConsoleReportPages(CommandDispatcher commands, Reads reads, Clock clock,
                       @Value("${channelbook.reports.tier-thresholds:}") String defaultThresholds) {
        this.commands = commands;
        this.reads = reads;
        this.clock = clock;
        this.defaultThresholds = defaultThresholds;
    }

    @GetMapping(RUNS)
    Mono<String> runs(Model model) {
        model.addAttribute("models", AttributionModel.values());
        model.addAttribute("defaultWeights", TouchWeights.DEFAULT);
        return runList().map(runs -> {
            model.addAttribute("runs", runs);
            return "console/reports";
        });
    }

    @PostMapping(path = RUNS, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    Mono<String> start(ServerWebExchange exchange) {
        return exchange.getFormData().flatMap(form -> {
            AttributionRunParameters parameters;
            try {
                parameters = parameters(form);
            } catch (DateTimeParseException invalid) {
                return Flash.error(exchange, RUNS, "Enter dates as yyyy-mm-dd.");
            } catch (IllegalArgumentException invalid) {
                return Flash.error(exchange, RUNS, invalid.getMessage());
            }
            String runId = UUID.randomUUID().toString();
            return commands.<String>send(new StartAttributionRunCommand(runId, parameters), exchange)
                    .then(Flash.notice(exchange, RUNS + "/runs/" + runId, "Run started."))
                    .onErrorResume(error -> Flash.error(exchange, RUNS, PageErrors.of(error, exchange).message()));
        });
    }

    @GetMapping(RUNS + "/runs/{runId}")
    Mono<String> run(@PathVariable String runId, Model model) {
        return Mono.zip(run(runId), runList()).map(loaded -> {
            model.addAttribute("run", loaded.getT1());
            model.addAttribute("others", loaded.getT2().stream().filter(other -> !other.runId().equals(runId)).toList());
            return "console/report-run";
        });
    }

    /** The live part of the run page; once the run is final, htmx reloads the whole page (with its rows). */
    @GetMapping(RUNS + "/runs/{runId}/progress")
    Mono<String> progress(@PathVariable String runId, Model model, ServerWebExchange exchange) {
        return run(runId).map(run -> {
            model.addAttribute("run", run);
            if (run.progress().status().isFinal() && exchange.getRequest().getHeaders().containsKey("HX-Request")) {
                exchange.getResponse().getHeaders().set("HX-Refresh", "true");
            }
            return "console/report-run :: progress";
        });
    }

    @PostMapping(path = RUNS + "/runs/{runId}/cancel", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    Mono<String> cancel(@PathVariable String runId, ServerWebExchange exchange) {
        String back = RUNS + "/runs/" + runId;
        return commands.send(new CancelAttributionRunCommand(runId), exchange)
                .then(Flash.notice(exchange, back, "Cancel requested."))
                .onErrorResume(error -> Flash.error(exchange, back, PageErrors.of(error, exchange).message()));
    }

    @GetMapping(RUNS + "/runs/{runId}.csv")
    Mono<ResponseEntity<Object>> csv(@PathVariable String runId) {
        return run(runId).map(run -> {
            if (!run.complete()) {
                throw new ApiProblem(HttpStatus.CONFLICT, "attribution_run_not_complete", "Run " + runId + " is "
                        + run.progress().status() + ": only a COMPLETED run has rows to export");
            }
            return ResponseEntity.ok().contentType(ReportCsv.TEXT_CSV)
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"attribution-" + runId + ".csv\"")
                    .body((Object) ReportCsv.run(run));
        });
    }

    @GetMapping(RUNS + "/compare")
    Mono<String> compare(@RequestParam String a, @RequestParam String b, Model model) {
        return reads.one(new CompareAttributionRunsQuery(a.strip(), b.strip()), AttributionComparison.class)
                .switchIfEmpty(Mono.error(() -> ApiProblem.notFound("attribution_run_not_found",
                        "No attribution run " + a + " or " + b)))
                .map(comparison -> {
                    model.addAttribute("comparison", comparison);
                    return "console/report-compare";
                });
    }

    @GetMapping(RUNS + "/program")
    Mono<String> program(@RequestParam(required = false) String asOf, @RequestParam(required = false) String from,
                         @RequestParam(required = false) String to, Model model) {
        LocalDate asOfDate = date(asOf);
        Instant asOfInstant = asOfDate == null ? null : endOf(asOfDate);
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        LocalDate periodTo = date(to) == null ? (asOfDate == null ? today : asOfDate) : date(to);
        LocalDate periodFrom = date(from) == null ? periodTo.withDayOfYear(1) : date(from);
        if (periodFrom.isAfter(periodTo)) {
            periodFrom = periodTo.withDayOfYear(1);
        }
        model.addAttribute("asOf", asOfDate == null ? "" : asOfDate.toString());
        model.addAttribute("from", periodFrom.toString());
        model.addAttribute("to", periodTo.toString());
        ReportFilters none = ReportFilters.NONE;
        return Mono.zip(
                        reads.one(new FindPipelineContributionQuery(asOfInstant, none), PipelineContributionReport.class),
                        reads.one(new FindRevenueOverTimeQuery(periodFrom, periodTo, asOfInstant, none), RevenueOverTimeReport.class),
                        reads.one(new FindCommissionRoiQuery(periodFrom, periodTo, asOfInstant, null, null, none), CommissionRoiReport.class),
                        reads.one(new FindTierProgressQuery(periodFrom, periodTo, asOfInstant, thresholds(defaultThresholds), none),
                                TierProgressReport.class))
                .map(reports -> {
                    model.addAttribute("pipeline", reports.getT1());
                    model.addAttribute("revenue", reports.getT2());
                    model.addAttribute("roi", reports.getT3());
                    model.addAttribute("tiers", reports.getT4());
                    return "console/report-program";
                });
    }

    private Mono<AttributionRunView> run(String runId) {
        return reads.one(new FindAttributionRunQuery(runId), AttributionRunView.class)
                .switchIfEmpty(Mono.error(() -> ApiProblem.notFound("attribution_run_not_found", "No attribution run " + runId)));
    }

    private Mono<List<AttributionRunView>> runList() {
        return reads.one(new FindAttributionRunsQuery(50), AttributionRunList.class)
                .map(AttributionRunList::runs)
                .defaultIfEmpty(List.of());
    }

    private static AttributionRunParameters parameters(MultiValueMap<String, String> form) {
        String modelName = blankToNull(form.getFirst("model"));
        if (modelName == null) {
            throw new IllegalArgumentException("Pick a model.");
        }
        AttributionModel model;
        try {
            model = AttributionModel.valueOf(modelName.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw new IllegalArgumentException("Unknown model " + modelName + ".");
        }
        TouchWeights weights = null;
        if (model == AttributionModel.WEIGHTED) {
            try {
                weights = new TouchWeights(weight(form, "sourced", TouchWeights.DEFAULT.sourced()),
                        weight(form, "influenced", TouchWeights.DEFAULT.influenced()),
                        weight(form, "delivered", TouchWeights.DEFAULT.delivered()));
            } catch (NumberFormatException bad) {
                throw new IllegalArgumentException("Weights are whole numbers from 0 to 1000000.");
            }
        }
        LocalDate from = date(form.getFirst("from"));
        LocalDate to = date(form.getFirst("to"));
        if (from != null && to != null && from.isAfter(to)) {
            throw new IllegalArgumentException("'From' " + from + " is after 'to' " + to + ".");
        }
        LocalDate asOf = date(form.getFirst("asOf"));
        String currency = blankToNull(form.getFirst("currency"));
        if (currency != null) {
            currency = currency.toUpperCase(Locale.ROOT);
            Money.currency(currency);
        }
        ReportFilters filters = new ReportFilters(blankToNull(form.getFirst("partnerId")), blankToNull(form.getFirst("tier")),
                blankToNull(form.getFirst("product")), currency);
        return new AttributionRunParameters(model, weights, from, to, asOf == null ? null : endOf(asOf), filters, null);
    }

    private static int weight(MultiValueMap<String, String> form, String name, int fallback) {
        String value = blankToNull(form.getFirst(name));
        int weight = value == null ? fallback : Integer.parseInt(value);
        if (weight < 0 || weight > 1_000_000) {
            throw new NumberFormatException(name);
        }
        return weight;
    }

    /** Thresholds written TIER:amount:CURRENCY separated by commas, as the API takes them; unreadable ones are left out. */
    private static List<TierThreshold> thresholds(String spec) {
        List<TierThreshold> thresholds = new ArrayList<>();
        if (spec == null || spec.isBlank()) {
            return thresholds;
        }
        for (String part : spec.split(",")) {
            String[] fields = part.strip().split(":");
            if (fields.length == 3 && !fields[0].isBlank()) {
                try {
                    thresholds.add(new TierThreshold(fields[0].strip().toUpperCase(Locale.ROOT),
                            Money.ofMajor(new BigDecimal(fields[1].strip()), fields[2].strip().toUpperCase(Locale.ROOT))));
                } catch (IllegalArgumentException | ArithmeticException ignored) {
                    // the API refuses it with a message; the page shows the others
                }
            }
        }
        return thresholds;
    }

    /** An as-of date means the end of that day (UTC). */
    private static Instant endOf(LocalDate date) {
        return date.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static LocalDate date(String value) {
        return value == null || value.isBlank() ? null : LocalDate.parse(value.strip());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
