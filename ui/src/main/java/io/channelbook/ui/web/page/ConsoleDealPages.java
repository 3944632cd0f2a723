package io.channelbook.ui.web.page;

import io.channelbook.api.deal.ApproveDealRegistrationCommand;
import io.channelbook.api.deal.CloseDealLostCommand;
import io.channelbook.api.deal.CloseDealWonCommand;
import io.channelbook.api.deal.CloseSource;
import io.channelbook.api.deal.DealConflictView;
import io.channelbook.api.deal.DealPage;
import io.channelbook.api.deal.DealSort;
import io.channelbook.api.deal.DealStatus;
import io.channelbook.api.deal.DealView;
import io.channelbook.api.deal.FindDealConflictQuery;
import io.channelbook.api.deal.FindDealsQuery;
import io.channelbook.api.deal.RejectDealRegistrationCommand;
import io.channelbook.api.money.Money;
import io.channelbook.ui.config.ChannelbookProperties;
import io.channelbook.ui.web.CommandDispatcher;
import org.springframework.http.MediaType;
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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * The channel manager's deal review: the queue with filters and bulk decisions, one deal with its conflict side by
 * side, approve, reject, close won or lost. Each action is the same command the REST API sends.
 */
@Controller
class ConsoleDealPages {

    private final CommandDispatcher commands;
    private final Reads reads;
    private final ChannelbookProperties.Deals settings;
    private final Clock clock;

    ConsoleDealPages(CommandDispatcher commands, Reads reads, ChannelbookProperties properties, Clock clock) {
        this.commands = commands;
        this.reads = reads;
        this.settings = properties.deals();
        this.clock = clock;
    }

    @GetMapping("/console/deals")
    Mono<String> queue(@RequestParam(required = false) DealStatus status, @RequestParam(required = false) Boolean conflict,
                       @RequestParam(required = false) String partnerId, @RequestParam(required = false) String notice,
                       @RequestParam(required = false) String error, Model model) {
        DealStatus shown = status == null && conflict == null && partnerId == null ? DealStatus.SUBMITTED : status;
        model.addAttribute("status", shown);
        model.addAttribute("statuses", DealStatus.values());
        model.addAttribute("conflict", Boolean.TRUE.equals(conflict));
        model.addAttribute("notice", notice);
        model.addAttribute("error", error);
        return Mono.zip(reads.one(new FindDealsQuery(null, shown, blankToNull(partnerId), Boolean.TRUE.equals(conflict) ? true : null,
                                null, null, null, DealSort.OLDEST, 0, 200), DealPage.class)
                        .defaultIfEmpty(new DealPage(List.of(), 0, 200, 0)), reads.partnerNames())
                .map(loaded -> {
                    model.addAttribute("deals", loaded.getT1().items());
                    model.addAttribute("total", loaded.getT1().total());
                    model.addAttribute("partners", loaded.getT2());
                    return "console/deals";
                });
    }

    @GetMapping("/console/deals/{registrationId}")
    Mono<String> deal(@PathVariable String registrationId, @RequestParam(required = false) String notice,
                      @RequestParam(required = false) String error, Model model) {
        model.addAttribute("notice", notice);
        model.addAttribute("error", error);
        model.addAttribute("today", LocalDate.now(clock).toString());
        model.addAttribute("protectionDays", settings.protectionDays());
        return reads.deal(registrationId, null).flatMap(deal -> Mono.zip(Mono.just(deal), conflict(deal), reads.partnerNames()))
                .map(loaded -> {
                    model.addAttribute("deal", loaded.getT1());
                    loaded.getT2().ifPresent(view -> {
                        model.addAttribute("conflictView", view);
                        model.addAttribute("columns", view.claimOrder().stream().map(entry -> new ConflictColumn(entry,
                                view.registrations().stream().filter(r -> r.registrationId().equals(entry.registrationId()))
                                        .findFirst().orElse(null))).toList());
                    });
                    model.addAttribute("partners", loaded.getT3());
                    return "console/deal";
                });
    }

    @PostMapping(path = "/console/deals/{registrationId}/{action}", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    Mono<String> act(@PathVariable String registrationId, @PathVariable String action, ServerWebExchange exchange) {
        return Mono.zip(reads.deal(registrationId, null), exchange.getFormData()).flatMap(input -> {
            DealView before = input.getT1();
            MultiValueMap<String, String> form = input.getT2();
            Object command;
            String done;
            try {
                switch (action) {
                    case "approve" -> {
                        command = approval(registrationId, days(form.getFirst("protectionDays")));
                        done = "Approved.";
                    }
                    case "reject" -> {
                        command = new RejectDealRegistrationCommand(registrationId, code(form.getFirst("reasonCode")), required(form, "reason"));
                        done = "Rejected.";
                    }
                    case "close-won" -> {
                        Money amount = Money.ofMajor(new BigDecimal(required(form, "amount").replace(",", "")),
                                required(form, "currency").toUpperCase(Locale.ROOT));
                        command = new CloseDealWonCommand(registrationId, amount, LocalDate.parse(required(form, "closeDate")),
                                List.of(), CloseSource.MANUAL);
                        done = "Marked closed won.";
                    }
                    case "close-lost" -> {
                        command = new CloseDealLostCommand(registrationId, required(form, "reason"), CloseSource.MANUAL);
                        done = "Marked closed lost.";
                    }
                    default -> {
                        return Mono.just("redirect:/console/deals/" + registrationId);
                    }
                }
            } catch (RuntimeException invalid) {
                return Mono.just(back(registrationId, "error", invalidMessage(invalid)));
            }
            return commands.send(command, exchange)
                    .then(reads.dealWhen(registrationId, null, deal -> deal.version() > before.version()))
                    .thenReturn(back(registrationId, "notice", done))
                    .onErrorResume(error -> Mono.just(back(registrationId, "error", PageErrors.of(error, exchange).message())));
        });
    }

    @PostMapping(path = "/console/deals/bulk", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    Mono<String> bulk(ServerWebExchange exchange) {
        return exchange.getFormData().flatMap(form -> {
            List<String> ids = form.getOrDefault("registrationId", List.of()).stream().distinct().toList();
            String action = form.getFirst("action");
            if (ids.isEmpty()) {
                return Mono.just("redirect:/console/deals?error=" + encode("Select at least one registration."));
            }
            boolean approve = "approve".equals(action);
            String reason = form.getFirst("reason");
            if (!approve && (reason == null || reason.isBlank())) {
                return Mono.just("redirect:/console/deals?error=" + encode("A rejection needs a reason."));
            }
            return Flux.fromIterable(ids)
                    .concatMap(id -> commands.send(approve ? approval(id, null)
                                    : new RejectDealRegistrationCommand(id, "NOT_QUALIFIED", reason.strip()), exchange)
                            .thenReturn("")
                            .onErrorResume(error -> Mono.just(id.substring(0, Math.min(8, id.length())) + ": "
                                    + PageErrors.of(error, exchange).message())))
                    .collectList()
                    .map(outcomes -> {
                        List<String> refused = outcomes.stream().filter(outcome -> !outcome.isEmpty()).toList();
                        String summary = (outcomes.size() - refused.size()) + " of " + outcomes.size()
                                + (approve ? " approved." : " rejected.");
                        return refused.isEmpty() ? "redirect:/console/deals?notice=" + encode(summary)
                                : "redirect:/console/deals?notice=" + encode(summary) + "&error=" + encode(String.join("; ", refused));
                    });
        });
    }

    /** One registration of a conflict: where the claim recorded it, and its detail. */
    record ConflictColumn(io.channelbook.api.deal.ClaimOrderEntry entry, DealView registration) {
    }

    private Mono<java.util.Optional<DealConflictView>> conflict(DealView deal) {
        if (!deal.inConflict() && deal.status() != DealStatus.CONFLICT) {
            return Mono.just(java.util.Optional.empty());
        }
        return reads.one(new FindDealConflictQuery(deal.customerDomain()), DealConflictView.class)
                .map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty());
    }

    /** Without days for this approval, the program's window for the partner (or the configured default) applies. */
    private ApproveDealRegistrationCommand approval(String registrationId, Integer protectionDays) {
        return protectionDays == null
                ? new ApproveDealRegistrationCommand(registrationId, settings.protectionDays(),
                        settings.reminderDaysBefore(), true)
                : new ApproveDealRegistrationCommand(registrationId, protectionDays, settings.reminderDaysBefore());
    }

    private static String back(String registrationId, String kind, String message) {
        return "redirect:/console/deals/" + registrationId + "?" + kind + "=" + encode(message);
    }

    private static String required(MultiValueMap<String, String> form, String name) {
        String value = form.getFirst(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Fill in " + name.replaceAll("([A-Z])", " $1").toLowerCase(Locale.ROOT) + ".");
        }
        return value.strip();
    }

    private static String code(String value) {
        String code = value == null || value.isBlank() ? "NOT_QUALIFIED" : value.strip().toUpperCase(Locale.ROOT);
        if (!code.matches("[A-Z][A-Z_]{1,49}")) {
            throw new IllegalArgumentException("The reason code must be an upper-case code such as NOT_QUALIFIED.");
        }
        return code;
    }

    private static Integer days(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        int days = Integer.parseInt(value.strip());
        if (days < 1 || days > 730) {
            throw new IllegalArgumentException("Protection must be 1 to 730 days.");
        }
        return days;
    }

    private static String invalidMessage(RuntimeException invalid) {
        if (invalid instanceof NumberFormatException) {
            return "Enter numbers as digits, such as 12500.00.";
        }
        if (invalid instanceof java.time.format.DateTimeParseException) {
            return "Enter dates as yyyy-mm-dd.";
        }
        return invalid.getMessage();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
