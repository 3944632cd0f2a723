package io.channelbook.ui.web.page;

import io.channelbook.api.deal.CustomerContact;
import io.channelbook.api.deal.DealPage;
import io.channelbook.api.deal.FindDealsQuery;
import io.channelbook.api.deal.RequestProtectionExtensionCommand;
import io.channelbook.api.deal.SubmitDealRegistrationCommand;
import io.channelbook.api.ledger.EarningsSummary;
import io.channelbook.api.ledger.FindEarningsSummaryQuery;
import io.channelbook.api.ledger.FindLedgerStatementQuery;
import io.channelbook.api.ledger.LedgerStatement;
import io.channelbook.ui.security.ChannelbookUser;
import io.channelbook.ui.security.CurrentUser;
import io.channelbook.ui.web.CommandDispatcher;
import io.channelbook.ui.web.deal.CustomerDomains;
import io.channelbook.ui.web.deal.DealRequests;
import io.channelbook.ui.web.ledger.LedgerCsv;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The partner portal: earnings at a glance (live), deals, statements. The partner is always the login's; nothing in
 * a URL or form names it.
 */
@Controller
class PortalPages {

    private static final Duration HEARTBEAT = Duration.ofSeconds(20);

    private final CommandDispatcher commands;
    private final QueryGateway queries;
    private final Reads reads;
    private final Validator validator;
    private final LiveFragments fragments;
    private final Clock clock;

    PortalPages(CommandDispatcher commands, QueryGateway queries, Reads reads, Validator validator, LiveFragments fragments, Clock clock) {
        this.commands = commands;
        this.queries = queries;
        this.reads = reads;
        this.validator = validator;
        this.fragments = fragments;
        this.clock = clock;
    }

    @GetMapping("/portal")
    Mono<String> dashboard(Model model) {
        return partnerUser().flatMap(user -> Mono.zip(
                        summary(user.partnerId()),
                        reads.partner(user.partnerId()).map(partner -> partner.legalName()).onErrorReturn(""),
                        reads.one(new FindDealsQuery(user.partnerId(), null, null, null, null, null, null, null, 0, 200), DealPage.class)
                                .defaultIfEmpty(new DealPage(List.of(), 0, 200, 0)))
                .map(loaded -> {
                    model.addAttribute("summary", loaded.getT1());
                    model.addAttribute("partnerName", loaded.getT2());
                    model.addAttribute("openDeals", loaded.getT3().items().stream().filter(deal -> deal.status().isOpen()).count());
                    return "portal/dashboard";
                }));
    }

    /** The dashboard's earnings, re-rendered on every change of the partner's ledger (htmx SSE swaps it in). */
    @GetMapping(path = "/portal/earnings/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @ResponseBody
    Flux<ServerSentEvent<String>> earningsStream() {
        return partnerUser().flatMapMany(user -> Flux.using(
                () -> queries.subscriptionQuery(new FindEarningsSummaryQuery(user.partnerId()),
                        ResponseTypes.instanceOf(EarningsSummary.class), ResponseTypes.instanceOf(EarningsSummary.class)),
                subscription -> Flux.merge(
                        Flux.concat(subscription.initialResult().defaultIfEmpty(empty(user.partnerId())), subscription.updates())
                                .filter(summary -> Objects.equals(summary.partnerId(), user.partnerId()))
                                .map(summary -> ServerSentEvent.builder(fragments.earnings(summary))
                                        .event("earnings").id(Long.toString(summary.version())).build()),
                        Flux.interval(HEARTBEAT).map(tick -> ServerSentEvent.<String>builder().comment("heartbeat").build())),
                SubscriptionQueryResult::close));
    }

    @GetMapping("/portal/deals")
    Mono<String> deals(@RequestParam(required = false) String registered, Model model) {
        return partnerUser().flatMap(user -> {
            model.addAttribute("form", DealForm.empty(LocalDate.now(clock)).values());
            model.addAttribute("errors", Map.of());
            if (registered != null) {
                model.addAttribute("notice", "Deal registered. It is pending review by your channel manager.");
            }
            return dealList(user, model);
        });
    }

    @PostMapping(path = "/portal/deals", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    Mono<String> register(ServerWebExchange exchange, Model model) {
        return Mono.zip(partnerUser(), exchange.getFormData()).flatMap(input -> {
            ChannelbookUser user = input.getT1();
            DealForm form = DealForm.of(input.getT2());
            Map<String, String> errors = form.validate(validator);
            String domain = CustomerDomains.normalize(form.customerWebsite()).orElse(null);
            if (domain == null && !errors.containsKey("customerWebsite")) {
                errors.put("customerWebsite", "Enter the customer's web address or domain, such as acme.com");
            }
            if (!errors.isEmpty()) {
                return invalid(user, form, errors, "Please correct the highlighted fields.", exchange, model);
            }
            DealRequests.Submit request = form.toRequest();
            String registrationId = UUID.randomUUID().toString();
            return commands.send(new SubmitDealRegistrationCommand(registrationId, user.partnerId(),
                            request.customerName().strip(), domain, request.customerCountry(),
                            new CustomerContact(request.customerContact().name().strip(),
                                    request.customerContact().email().strip().toLowerCase(Locale.ROOT)),
                            request.products().stream().map(String::strip).toList(), request.estimatedValue().toMoney(),
                            request.expectedCloseDate(), blankToNull(request.notes()), null), exchange)
                    .then(reads.dealWhen(registrationId, user.partnerId(), deal -> true))
                    .thenReturn("redirect:/portal/deals?registered=" + registrationId)
                    .onErrorResume(error -> invalid(user, form, errors, PageErrors.of(error, exchange).message(), exchange, model));
        });
    }

    @GetMapping("/portal/deals/{registrationId}")
    Mono<String> deal(@PathVariable String registrationId, Model model) {
        return partnerUser().flatMap(user -> reads.deal(registrationId, user.partnerId())).map(deal -> {
            model.addAttribute("deal", deal);
            return "portal/deal";
        });
    }

    /** The registrant asks for more protection time; its channel manager grants or denies it. */
    @PostMapping(path = "/portal/deals/{registrationId}/extension-request", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    Mono<String> requestExtension(@PathVariable String registrationId, ServerWebExchange exchange) {
        String back = "/portal/deals/" + registrationId;
        return Mono.zip(partnerUser(), exchange.getFormData()).flatMap(input -> {
            ChannelbookUser user = input.getT1();
            String reason = input.getT2().getFirst("reason");
            int days;
            try {
                days = Integer.parseInt(String.valueOf(input.getT2().getFirst("additionalDays")).strip());
            } catch (NumberFormatException invalid) {
                days = 0;
            }
            if (days < 1 || days > 365) {
                return Flash.error(exchange, back, "Ask for 1 to 365 more days.");
            }
            if (reason == null || reason.isBlank()) {
                return Flash.error(exchange, back, "Say why you need more time.");
            }
            int additionalDays = days;
            // the deal is read as this partner sees it first: another partner's deal is a 404, as in the API
            return reads.deal(registrationId, user.partnerId())
                    .flatMap(before -> commands.send(new RequestProtectionExtensionCommand(registrationId, user.partnerId(),
                                    additionalDays, reason.strip()), exchange)
                            .then(reads.dealWhen(registrationId, user.partnerId(), deal -> deal.version() > before.version())))
                    .then(Flash.notice(exchange, back, "Extension requested. Your channel manager decides; you will see the new protection date here."))
                    .onErrorResume(error -> Flash.error(exchange, back, PageErrors.of(error, exchange).message()));
        });
    }

    @GetMapping("/portal/statements")
    Mono<String> statements(@RequestParam(required = false) String from, @RequestParam(required = false) String to, Model model) {
        Period period = Period.of(from, to, clock);
        model.addAttribute("period", period);
        return partnerUser().flatMap(user -> reads.one(new FindLedgerStatementQuery(user.partnerId(), period.fromInstant(), period.toInstant()),
                        LedgerStatement.class))
                .doOnNext(statement -> model.addAttribute("statement", statement))
                .thenReturn("portal/statements");
    }

    @GetMapping(path = "/portal/statements.csv")
    Mono<ResponseEntity<Object>> statementCsv(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        Period period = Period.of(from, to, clock);
        return partnerUser().flatMap(user -> reads.one(new FindLedgerStatementQuery(user.partnerId(), period.fromInstant(), period.toInstant()),
                        LedgerStatement.class))
                .map(statement -> LedgerCsv.attachment("statement-" + period.from() + "-" + period.to() + ".csv", LedgerCsv.statement(statement)));
    }

    private Mono<String> invalid(ChannelbookUser user, DealForm form, Map<String, String> errors, String message,
                                 ServerWebExchange exchange, Model model) {
        exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
        model.addAttribute("form", form.values());
        model.addAttribute("errors", errors);
        model.addAttribute("error", message);
        return dealList(user, model);
    }

    private Mono<String> dealList(ChannelbookUser user, Model model) {
        return reads.one(new FindDealsQuery(user.partnerId(), null, null, null, null, null, null, null, 0, 200), DealPage.class)
                .defaultIfEmpty(new DealPage(List.of(), 0, 200, 0))
                .map(page -> {
                    model.addAttribute("deals", page.items());
                    return "portal/deals";
                });
    }

    private Mono<EarningsSummary> summary(String partnerId) {
        return reads.one(new FindEarningsSummaryQuery(partnerId), EarningsSummary.class).defaultIfEmpty(empty(partnerId));
    }

    static EarningsSummary empty(String partnerId) {
        return new EarningsSummary(partnerId, List.of(), null, List.of(), List.of(), 0);
    }

    /** The login's partner user; the security chain already let only partner roles in. */
    private static Mono<ChannelbookUser> partnerUser() {
        return CurrentUser.get().filter(user -> user.isPartnerUser() && user.partnerId() != null);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** A statement period of whole UTC days, [from, to]; the current month so far by default. */
    record Period(LocalDate from, LocalDate to) {

        static Period of(String from, String to, Clock clock) {
            LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
            LocalDate start = parse(from, today.withDayOfMonth(1));
            LocalDate end = parse(to, today);
            return end.isBefore(start) ? new Period(end, start) : new Period(start, end);
        }

        java.time.Instant fromInstant() {
            return from.atStartOfDay(ZoneOffset.UTC).toInstant();
        }

        /** The statement query's end is exclusive: the day after {@code to}. */
        java.time.Instant toInstant() {
            return to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        }

        private static LocalDate parse(String value, LocalDate fallback) {
            try {
                return value == null || value.isBlank() ? fallback : LocalDate.parse(value.strip());
            } catch (DateTimeParseException invalid) {
                return fallback;
            }
        }
    }

    /** The registration form as typed; validated as the API's request body is. */
    record DealForm(String customerName, String customerWebsite, String customerCountry, String contactName,
                    String contactEmail, String products, String amount, String currency, String expectedCloseDate,
                    String notes) {

        static DealForm empty(LocalDate today) {
            return new DealForm("", "", "", "", "", "", "", "EUR", today.plusMonths(3).toString(), "");
        }

        static DealForm of(MultiValueMap<String, String> fields) {
            return new DealForm(value(fields, "customerName"), value(fields, "customerWebsite"),
                    value(fields, "customerCountry").toUpperCase(Locale.ROOT), value(fields, "contactName"),
                    value(fields, "contactEmail"), value(fields, "products"), value(fields, "amount"),
                    value(fields, "currency").toUpperCase(Locale.ROOT), value(fields, "expectedCloseDate"), value(fields, "notes"));
        }

        Map<String, String> validate(Validator validator) {
            Map<String, String> errors = new TreeMap<>();
            BigDecimal parsedAmount = parseAmount();
            if (parsedAmount == null) {
                errors.put("amount", "Enter an amount such as 12500.00");
            }
            if (parseDate() == null) {
                errors.put("expectedCloseDate", "Enter a date");
            }
            for (ConstraintViolation<DealRequests.Submit> violation : validator.validate(toRequest())) {
                errors.putIfAbsent(field(violation.getPropertyPath().toString()), violation.getMessage());
            }
            return errors;
        }

        Map<String, String> values() {
            Map<String, String> values = new LinkedHashMap<>();
            values.put("customerName", customerName);
            values.put("customerWebsite", customerWebsite);
            values.put("customerCountry", customerCountry);
            values.put("contactName", contactName);
            values.put("contactEmail", contactEmail);
            values.put("products", products);
            values.put("amount", amount);
            values.put("currency", currency);
            values.put("expectedCloseDate", expectedCloseDate);
            values.put("notes", notes);
            return values;
        }

        DealRequests.Submit toRequest() {
            List<String> productList = Arrays.stream(products.split("[,\\n]")).map(String::strip).filter(p -> !p.isEmpty()).toList();
            return new DealRequests.Submit(customerName, customerWebsite, customerCountry,
                    new DealRequests.Contact(contactName, contactEmail), productList,
                    new DealRequests.Amount(parseAmount(), currency), parseDate(), notes, null);
        }

        /** The API's property path as the form's field name. */
        private static String field(String path) {
            Map<String, String> names = new LinkedHashMap<>();
            names.put("customerContact.name", "contactName");
            names.put("customerContact.email", "contactEmail");
            names.put("estimatedValue.amount", "amount");
            names.put("estimatedValue.currency", "currency");
            names.put("estimatedValue", "amount");
            for (Map.Entry<String, String> name : names.entrySet()) {
                if (path.equals(name.getKey())) {
                    return name.getValue();
                }
            }
            return path.startsWith("products") ? "products" : path;
        }

        private BigDecimal parseAmount() {
            try {
                return amount.isBlank() ? null : new BigDecimal(amount.strip().replace(",", ""));
            } catch (NumberFormatException invalid) {
                return null;
            }
        }

        private LocalDate parseDate() {
            try {
                return expectedCloseDate.isBlank() ? null : LocalDate.parse(expectedCloseDate.strip());
            } catch (DateTimeParseException invalid) {
                return null;
            }
        }

        private static String value(MultiValueMap<String, String> fields, String name) {
            String value = fields.getFirst(name);
            return value == null ? "" : value;
        }
    }
}
