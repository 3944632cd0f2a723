package io.channelbook.ui.web.page;

import io.channelbook.api.audit.AuditTrail;
import io.channelbook.api.audit.FindAuditTrailQuery;
import io.channelbook.api.ledger.AdjustLedgerCommand;
import io.channelbook.api.ledger.FindJournalQuery;
import io.channelbook.api.ledger.FindLedgerBalanceQuery;
import io.channelbook.api.ledger.FindLedgerEntriesQuery;
import io.channelbook.api.ledger.FindLedgerHistoryQuery;
import io.channelbook.api.ledger.FindLedgerStatementQuery;
import io.channelbook.api.ledger.JournalPosting;
import io.channelbook.api.ledger.LedgerBalance;
import io.channelbook.api.ledger.LedgerEntryPage;
import io.channelbook.api.ledger.LedgerEntryView;
import io.channelbook.api.ledger.LedgerHistoryPage;
import io.channelbook.api.ledger.LedgerIds;
import io.channelbook.api.ledger.LedgerStatement;
import io.channelbook.api.ledger.MovementType;
import io.channelbook.api.ledger.RecordPayoutCommand;
import io.channelbook.api.money.Money;
import io.channelbook.api.partner.FindPartnersQuery;
import io.channelbook.api.partner.PartnerPage;
import io.channelbook.ui.web.CommandDispatcher;
import io.channelbook.ui.web.ledger.LedgerCsv;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
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
import reactor.core.publisher.Flux;
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
import java.util.Objects;
import java.util.UUID;

/**
 * Finance: each partner's ledger with balances as of any date, the period statement (on screen and CSV), entries
 * with their explanations, adjustments and payouts (idempotent: the form carries its key, so a double submit books
 * once), the audit trail of any aggregate, and CSV exports of entries, the finance history and the journal. The
 * exports are the API's CSV (one writer, {@link LedgerCsv}) served to the page session, since a browser link
 * carries no Basic or bearer credentials.
 */
@Controller
class ConsoleFinancePages {

    /** Rows fetched per query while an export collects everything in its range. */
    private static final int EXPORT_PAGE = 500;

    private final CommandDispatcher commands;
    private final QueryGateway queries;
    private final Reads reads;
    private final Clock clock;

    ConsoleFinancePages(CommandDispatcher commands, QueryGateway queries, Reads reads, Clock clock) {
        this.commands = commands;
        this.queries = queries;
        this.reads = reads;
        this.clock = clock;
    }

    @GetMapping("/console/finance")
    Mono<String> partners(@RequestParam(required = false) String from, @RequestParam(required = false) String to, Model model) {
        model.addAttribute("period", PortalPages.Period.of(from, to, clock));
        model.addAttribute("movementTypes", MovementType.values());
        return reads.one(new FindPartnersQuery(null, 0, 1000), PartnerPage.class)
                .defaultIfEmpty(new PartnerPage(List.of(), 0, 1000, 0))
                .map(page -> {
                    model.addAttribute("partners", page.items());
                    return "console/finance";
                });
    }

    @GetMapping("/console/finance/partners/{partnerId}")
    Mono<String> ledger(@PathVariable String partnerId, @RequestParam(required = false) String asOf,
                        @RequestParam(required = false) String from, @RequestParam(required = false) String to, Model model) {
        PortalPages.Period period = PortalPages.Period.of(from, to, clock);
        LocalDate asOfDate = parse(asOf);
        Instant asOfInstant = asOfDate == null ? null : asOfDate.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        model.addAttribute("period", period);
        model.addAttribute("asOf", asOfDate == null ? "" : asOfDate.toString());
        model.addAttribute("adjustmentId", UUID.randomUUID().toString());
        model.addAttribute("payoutId", UUID.randomUUID().toString());
        model.addAttribute("today", LocalDate.now(clock).toString());
        return Mono.zip(reads.partner(partnerId),
                        reads.one(new FindLedgerBalanceQuery(partnerId, asOfInstant), LedgerBalance.class)
                                .defaultIfEmpty(new LedgerBalance(partnerId, asOfInstant, List.of(), null)),
                        reads.one(new FindLedgerStatementQuery(partnerId, period.fromInstant(), period.toInstant()), LedgerStatement.class),
                        reads.one(new FindLedgerEntriesQuery(partnerId, null, null, null, 0, 50), LedgerEntryPage.class)
                                .defaultIfEmpty(new LedgerEntryPage(List.of(), 0, 0, 50)))
                .map(loaded -> {
                    model.addAttribute("partner", loaded.getT1());
                    model.addAttribute("balance", loaded.getT2());
                    model.addAttribute("statement", loaded.getT3());
                    model.addAttribute("entries", loaded.getT4());
                    return "console/ledger";
                });
    }

    @GetMapping("/console/finance/partners/{partnerId}/statement.csv")
    Mono<ResponseEntity<Object>> statementCsv(@PathVariable String partnerId, @RequestParam(required = false) String from,
                                              @RequestParam(required = false) String to) {
        PortalPages.Period period = PortalPages.Period.of(from, to, clock);
        return reads.partner(partnerId)
                .then(reads.one(new FindLedgerStatementQuery(partnerId, period.fromInstant(), period.toInstant()), LedgerStatement.class))
                .defaultIfEmpty(new LedgerStatement(partnerId, period.fromInstant(), period.toInstant(), List.of(), List.of(), List.of()))
                .map(statement -> LedgerCsv.attachment("statement-" + partnerId + "-" + period.from() + "-" + period.to() + ".csv",
                        LedgerCsv.statement(statement)));
    }

    /** Every entry of the partner, newest first, each with its explanation. */
    @GetMapping("/console/finance/partners/{partnerId}/entries.csv")
    Mono<ResponseEntity<Object>> entriesCsv(@PathVariable String partnerId) {
        return reads.partner(partnerId)
                .thenMany(Flux.range(0, Integer.MAX_VALUE)
                        .concatMap(page -> reads.one(new FindLedgerEntriesQuery(partnerId, null, null, null, page, EXPORT_PAGE),
                                LedgerEntryPage.class).defaultIfEmpty(new LedgerEntryPage(List.of(), 0, page, EXPORT_PAGE)), 1)
                        .takeUntil(page -> page.entries().size() < EXPORT_PAGE)
                        .concatMapIterable(LedgerEntryPage::entries))
                .filter(entry -> entry.partnerId() == null || entry.partnerId().equals(partnerId))
                .collectList()
                .map(entries -> LedgerCsv.attachment("entries-" + partnerId + ".csv", EntriesCsv.render(entries)));
    }

    /** The finance audit history (every movement with actor, reason, causation) of a period, optionally of one partner or type. */
    @GetMapping("/console/finance/history.csv")
    Mono<ResponseEntity<Object>> historyCsv(@RequestParam(required = false) String partnerId, @RequestParam(required = false) MovementType type,
                                            @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        PortalPages.Period period = PortalPages.Period.of(from, to, clock);
        String partner = blankToNull(partnerId);
        return Flux.range(0, Integer.MAX_VALUE)
                .concatMap(page -> reads.one(new FindLedgerHistoryQuery(partner, type, null, null, period.fromInstant(), period.toInstant(),
                        page, EXPORT_PAGE), LedgerHistoryPage.class).defaultIfEmpty(new LedgerHistoryPage(List.of(), 0, page, EXPORT_PAGE)), 1)
                .takeUntil(page -> page.movements().size() < EXPORT_PAGE)
                .concatMapIterable(LedgerHistoryPage::movements)
                .collectList()
                .map(movements -> LedgerCsv.attachment("ledger-history-" + period.from() + "-" + period.to() + ".csv",
                        LedgerCsv.movements(movements)));
    }

    /** The double-entry journal of a period, of one partner or all. */
    @GetMapping("/console/finance/journal.csv")
    Mono<ResponseEntity<Object>> journalCsv(@RequestParam(required = false) String partnerId, @RequestParam(required = false) String from,
                                            @RequestParam(required = false) String to) {
        PortalPages.Period period = PortalPages.Period.of(from, to, clock);
        return Mono.fromFuture(() -> queries.query(new FindJournalQuery(blankToNull(partnerId), period.fromInstant(), period.toInstant()),
                        ResponseTypes.multipleInstancesOf(JournalPosting.class)))
                .defaultIfEmpty(List.of())
                .map(postings -> LedgerCsv.attachment("ledger-journal-" + period.from() + "-" + period.to() + ".csv",
                        LedgerCsv.journal(postings)));
    }

    @PostMapping(path = "/console/finance/partners/{partnerId}/{action}", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    Mono<String> book(@PathVariable String partnerId, @PathVariable String action, ServerWebExchange exchange) {
        String back = "/console/finance/partners/" + partnerId;
        return exchange.getFormData().flatMap(form -> {
            Object command;
            String done;
            try {
                Money amount = Money.ofMajor(new BigDecimal(required(form, "amount").replace(",", "")),
                        required(form, "currency").toUpperCase(Locale.ROOT));
                switch (action) {
                    case "adjustments" -> {
                        command = new AdjustLedgerCommand(LedgerIds.ofPartner(partnerId), partnerId, required(form, "adjustmentId"),
                                amount, required(form, "reason"));
                        done = "Adjustment booked.";
                    }
                    case "payouts" -> {
                        command = new RecordPayoutCommand(LedgerIds.ofPartner(partnerId), partnerId, required(form, "payoutId"),
                                amount, required(form, "reference"), LocalDate.parse(required(form, "paidOn")));
                        done = "Payout recorded.";
                    }
                    default -> {
                        return Mono.just("redirect:" + back);
                    }
                }
            } catch (NumberFormatException | DateTimeParseException invalid) {
                return Flash.error(exchange, back, "Enter amounts as digits (1250.00) and dates as yyyy-mm-dd.");
            } catch (IllegalArgumentException invalid) {
                return Flash.error(exchange, back, invalid.getMessage());
            }
            return commands.send(command, exchange)
                    .then(Flash.notice(exchange, back, done))
                    .onErrorResume(error -> Flash.error(exchange, back, PageErrors.of(error, exchange).message()));
        });
    }

    @GetMapping("/console/audit")
    Mono<String> audit(@RequestParam(required = false) String aggregateId, Model model) {
        model.addAttribute("aggregateId", aggregateId == null ? "" : aggregateId.strip());
        if (aggregateId == null || aggregateId.isBlank()) {
            return Mono.just("console/audit");
        }
        return reads.one(new FindAuditTrailQuery(aggregateId.strip()), AuditTrail.class)
                .doOnNext(trail -> model.addAttribute("trail", trail))
                .thenReturn("console/audit");
    }

    private static String required(MultiValueMap<String, String> form, String name) {
        String value = form.getFirst(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Fill in " + name + ".");
        }
        return value.strip();
    }

    private static LocalDate parse(String value) {
        try {
            return value == null || value.isBlank() ? null : LocalDate.parse(value.strip());
        } catch (DateTimeParseException invalid) {
            return null;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** Ledger entries as CSV, in the API's CSV conventions (the same quoting and amounts, via {@link LedgerCsv}). */
    static final class EntriesCsv {

        static final List<String> HEADER = List.of("entryId", "partnerId", "recordedAt", "kind", "status", "currency", "amount",
                "outstanding", "registrationId", "reversedEntryId", "earnedOn", "period", "payableAt", "planId", "planVersion",
                "ruleId", "ruleKind", "base", "rate", "bounty", "multiplier", "uncapped", "capRule", "shareType", "shareWeight",
                "shareTotal", "rounding", "text", "reason", "actorId", "eventId", "causationId", "correlationId");

        private EntriesCsv() {
        }

        static String render(List<LedgerEntryView> entries) {
            StringBuilder csv = new StringBuilder(LedgerCsv.row(HEADER));
            for (LedgerEntryView entry : entries) {
                var why = entry.explanation();
                List<String> row = new ArrayList<>(List.of(
                        LedgerCsv.text(entry.entryId()),
                        LedgerCsv.text(entry.partnerId()),
                        LedgerCsv.text(string(entry.recordedAt())),
                        LedgerCsv.text(string(entry.kind())),
                        LedgerCsv.text(string(entry.status())),
                        LedgerCsv.text(entry.amount() == null ? null : entry.amount().currency().getCurrencyCode()),
                        LedgerCsv.amount(entry.amount()),
                        LedgerCsv.amount(entry.outstanding()),
                        LedgerCsv.text(entry.registrationId()),
                        LedgerCsv.text(entry.reversedEntryId()),
                        LedgerCsv.text(string(entry.earnedOn())),
                        LedgerCsv.text(entry.period()),
                        LedgerCsv.text(string(entry.payableAt()))));
                if (why == null) {
                    row.addAll(java.util.Collections.nCopies(14, ""));
                } else {
                    row.addAll(List.of(
                            LedgerCsv.text(why.planId()),
                            LedgerCsv.text(why.planId() == null ? null : Integer.toString(why.planVersion())),
                            LedgerCsv.text(why.ruleId()),
                            LedgerCsv.text(string(why.ruleKind())),
                            LedgerCsv.amount(why.base()),
                            number(why.rate()),
                            LedgerCsv.amount(why.bounty()),
                            number(why.multiplier()),
                            LedgerCsv.amount(why.uncapped()),
                            LedgerCsv.text(why.capRule()),
                            LedgerCsv.text(string(why.shareType())),
                            LedgerCsv.text(string(why.shareWeight())),
                            LedgerCsv.text(string(why.shareTotal())),
                            LedgerCsv.text(why.rounding())));
                }
                row.addAll(List.of(
                        LedgerCsv.text(entry.text() != null ? entry.text() : why == null ? null : why.text()),
                        LedgerCsv.text(entry.reason()),
                        LedgerCsv.text(entry.actorId()),
                        LedgerCsv.text(entry.eventId()),
                        LedgerCsv.text(entry.causationId()),
                        LedgerCsv.text(entry.correlationId())));
                csv.append(LedgerCsv.row(row));
            }
            return csv.toString();
        }

        private static String string(Object value) {
            return Objects.toString(value, null);
        }

        /** A rate or multiplier we computed: a plain decimal, never prefixed. */
        private static String number(BigDecimal value) {
            return value == null ? "" : value.toPlainString();
        }
    }
}
