package io.channelbook.ui.web.page;

import io.channelbook.api.deal.AcceptPartnerTouchCommand;
import io.channelbook.api.deal.ApproveDealRegistrationCommand;
import io.channelbook.api.deal.ConflictResolution;
import io.channelbook.api.deal.DecideProtectionExtensionCommand;
import io.channelbook.api.deal.LogPartnerTouchCommand;
import io.channelbook.api.deal.ResolveDealConflictCommand;
import io.channelbook.api.deal.TouchType;
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
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The channel manager's deal review: the queue with filters and bulk decisions, one deal with its conflict side by
 * side and its resolution, approve, reject, close won or lost, decide a protection extension, log another partner's
 * influence or delivery and accept it. Each action is the same command the REST API sends.
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
                       @RequestParam(required = false) String partnerId, Model model) {
        DealStatus shown = status == null && conflict == null && partnerId == null ? DealStatus.SUBMITTED : status;
        model.addAttribute("status", shown);
        model.addAttribute("statuses", DealStatus.values());
        model.addAttribute("conflict", Boolean.TRUE.equals(conflict));
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
    Mono<String> deal(@PathVariable String registrationId, Model model) {
        model.addAttribute("resolutions", ConflictResolution.values());
        model.addAttribute("touchTypes", List.of(TouchType.INFLUENCED, TouchType.DELIVERED));
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
        String back = "/console/deals/" + registrationId;
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
                    case "extension" -> {
                        boolean granted = "grant".equals(form.getFirst("decision"));
                        Integer days = granted && form.getFirst("days") != null && !form.getFirst("days").isBlank()
                                ? days(form.getFirst("days"), 365) : null;
                        command = new DecideProtectionExtensionCommand(registrationId, granted, days, required(form, "reason"));
                        done = granted ? "Extension granted." : "Extension denied.";
                    }
                    case "resolve-conflict" -> {
                        ConflictResolution resolution = ConflictResolution.valueOf(required(form, "resolution"));
                        command = new ResolveDealConflictCommand(registrationId, before.customerDomain(), resolution, required(form, "reason"));
                        done = switch (resolution) {
                            case KEEP_FIRST -> "Conflict settled: the first registration keeps the customer.";
                            case TRANSFER_PROTECTION -> "Conflict settled: protection moved to this registration.";
                            case CO_SELL -> "Conflict settled: the partners co-sell.";
                        };
                    }
                    case "touches" -> {
                        TouchType type = TouchType.valueOf(required(form, "type"));
                        if (type == TouchType.SOURCED) {
                            throw new IllegalArgumentException("The registering partner is the sourcing partner.");
                        }
                        String evidence = form.getFirst("evidence");
                        command = new LogPartnerTouchCommand(registrationId, UUID.randomUUID().toString(), required(form, "partnerId"), type,
                                evidence == null || evidence.isBlank() ? null : evidence.strip());
                        done = type == TouchType.INFLUENCED ? "Influence logged; accept it when it is confirmed." : "Delivery partner recorded.";
                    }
                    case "accept-touch" -> {
                        command = new AcceptPartnerTouchCommand(registrationId, required(form, "touchId"));
                        done = "Touch accepted: the partner shares in the commission by the plan's weights.";
                    }
                    default -> {
                        return Mono.just("redirect:/console/deals/" + registrationId);
                    }
                }
            } catch (RuntimeException invalid) {
                return Flash.error(exchange, back, invalidMessage(invalid));
            }
            return commands.send(command, exchange)
                    .then(reads.dealWhen(registrationId, null, deal -> deal.version() > before.version()))
                    .then(Flash.notice(exchange, back, done))
                    .onErrorResume(error -> Flash.error(exchange, back, PageErrors.of(error, exchange).message()));
        });
    }

    @PostMapping(path = "/console/deals/bulk", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    Mono<String> bulk(ServerWebExchange exchange) {
        return exchange.getFormData().flatMap(form -> {
            List<String> ids = form.getOrDefault("registrationId", List.of()).stream().distinct().toList();
            String action = form.getFirst("action");
            if (ids.isEmpty()) {
                return Flash.error(exchange, "/console/deals", "Select at least one registration.");
            }
            boolean approve = "approve".equals(action);
            String reason = form.getFirst("reason");
            if (!approve && (reason == null || reason.isBlank())) {
                return Flash.error(exchange, "/console/deals", "A rejection needs a reason.");
            }
            return Flux.fromIterable(ids)
                    .concatMap(id -> commands.send(approve ? approval(id, null)
                                    : new RejectDealRegistrationCommand(id, "NOT_QUALIFIED", reason.strip()), exchange)
                            .thenReturn("")
                            .onErrorResume(error -> Mono.just(id.substring(0, Math.min(8, id.length())) + ": "
                                    + PageErrors.of(error, exchange).message())))
                    .collectList()
                    .flatMap(outcomes -> {
                        List<String> refused = outcomes.stream().filter(outcome -> !outcome.isEmpty()).toList();
                        String summary = (outcomes.size() - refused.size()) + " of " + outcomes.size()
                                + (approve ? " approved." : " rejected.");
                        Mono<String> noticed = Flash.notice(exchange, "/console/deals", summary);
                        return refused.isEmpty() ? noticed
                                : Flash.error(exchange, "/console/deals", String.join("; ", refused)).then(noticed);
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

    /** Days typed for this approval, or null: then the program's window for the partner applies. */
    private static Integer days(String value) {
        return value == null || value.isBlank() ? null : days(value, 730);
    }

    private static int days(String value, int most) {
        int days = Integer.parseInt(value.strip());
        if (days < 1 || days > most) {
            throw new IllegalArgumentException("Enter 1 to " + most + " days.");
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
        if (invalid.getMessage() == null || invalid.getMessage().startsWith("No enum constant")) {
            return "Choose one of the options offered.";
        }
        return invalid.getMessage();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

}
