package io.channelbook.ui.web.page;

import io.channelbook.api.audit.AuditTrail;
import io.channelbook.api.audit.FindAuditTrailQuery;
import io.channelbook.api.ledger.AdjustLedgerCommand;
import io.channelbook.api.ledger.FindLedgerBalanceQuery;
import io.channelbook.api.ledger.FindLedgerEntriesQuery;
import io.channelbook.api.ledger.FindLedgerStatementQuery;
import io.channelbook.api.ledger.LedgerBalance;
import io.channelbook.api.ledger.LedgerEntryPage;
import io.channelbook.api.ledger.LedgerIds;
import io.channelbook.api.ledger.LedgerStatement;
import io.channelbook.api.ledger.RecordPayoutCommand;
import io.channelbook.api.money.Money;
import io.channelbook.api.partner.FindPartnersQuery;
import io.channelbook.api.partner.PartnerPage;
import io.channelbook.ui.web.CommandDispatcher;
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
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Finance: each partner's ledger with balances as of any date, the period statement (on screen and CSV), entries
 * with their explanations, adjustments and payouts (idempotent: the form carries its key, so a double submit books
 * once), and the audit trail of any aggregate.
 */
@Controller
class ConsoleFinancePages {

    private final CommandDispatcher commands;
    private final Reads reads;
    private final Clock clock;

    ConsoleFinancePages(CommandDispatcher commands, Reads reads, Clock clock) {
        this.commands = commands;
        this.reads = reads;
        this.clock = clock;
    }

    @GetMapping("/console/finance")
    Mono<String> partners(Model model) {
        return reads.one(new FindPartnersQuery(null, 0, 1000), PartnerPage.class)
                .defaultIfEmpty(new PartnerPage(List.of(), 0, 1000, 0))
                .map(page -> {
                    model.addAttribute("partners", page.items());
                    return "console/finance";
                });
    }

    @GetMapping("/console/finance/partners/{partnerId}")
    Mono<String> ledger(@PathVariable String partnerId, @RequestParam(required = false) String asOf,
                        @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                        @RequestParam(required = false) String notice, @RequestParam(required = false) String error, Model model) {
        PortalPages.Period period = PortalPages.Period.of(from, to, clock);
        LocalDate asOfDate = parse(asOf);
        Instant asOfInstant = asOfDate == null ? null : asOfDate.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        model.addAttribute("period", period);
        model.addAttribute("asOf", asOfDate == null ? "" : asOfDate.toString());
        model.addAttribute("notice", notice);
        model.addAttribute("error", error);
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
    Mono<ResponseEntity<String>> statementCsv(@PathVariable String partnerId, @RequestParam(required = false) String from,
                                              @RequestParam(required = false) String to) {
        PortalPages.Period period = PortalPages.Period.of(from, to, clock);
        return reads.partner(partnerId)
                .then(reads.one(new FindLedgerStatementQuery(partnerId, period.fromInstant(), period.toInstant()), LedgerStatement.class))
                .map(statement -> StatementCsv.attachment("statement-" + partnerId + "-" + period.from() + "-" + period.to() + ".csv",
                        StatementCsv.render(statement)));
    }

    @PostMapping(path = "/console/finance/partners/{partnerId}/{action}", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    Mono<String> book(@PathVariable String partnerId, @PathVariable String action, ServerWebExchange exchange) {
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
                        return Mono.just("redirect:/console/finance/partners/" + partnerId);
                    }
                }
            } catch (NumberFormatException | DateTimeParseException invalid) {
                return Mono.just(back(partnerId, "error", "Enter amounts as digits (1250.00) and dates as yyyy-mm-dd."));
            } catch (IllegalArgumentException invalid) {
                return Mono.just(back(partnerId, "error", invalid.getMessage()));
            }
            return commands.send(command, exchange)
                    .thenReturn(back(partnerId, "notice", done))
                    .onErrorResume(error -> Mono.just(back(partnerId, "error", PageErrors.of(error, exchange).message())));
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

    private static String back(String partnerId, String kind, String message) {
        return "redirect:/console/finance/partners/" + partnerId + "?" + kind + "=" + ConsoleDealPages.encode(message);
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
}
