package io.channelbook.ui.web.deal;

import io.channelbook.api.deal.AcceptPartnerTouchCommand;
import io.channelbook.api.deal.ApproveDealRegistrationCommand;
import io.channelbook.api.deal.CloseDealLostCommand;
import io.channelbook.api.deal.CloseDealWonCommand;
import io.channelbook.api.deal.CloseSource;
import io.channelbook.api.deal.DealConflictView;
import io.channelbook.api.deal.DealPage;
import io.channelbook.api.deal.DealSort;
import io.channelbook.api.deal.DealStatus;
import io.channelbook.api.deal.DealView;
import io.channelbook.api.deal.DecideProtectionExtensionCommand;
import io.channelbook.api.deal.FindDealConflictQuery;
import io.channelbook.api.deal.FindDealQuery;
import io.channelbook.api.deal.FindDealsQuery;
import io.channelbook.api.deal.LineItem;
import io.channelbook.api.deal.LogInfluenceForCustomerCommand;
import io.channelbook.api.deal.LogPartnerTouchCommand;
import io.channelbook.api.deal.RejectDealRegistrationCommand;
import io.channelbook.api.deal.ReportBillingPeriodCommand;
import io.channelbook.api.deal.RequestProtectionExtensionCommand;
import io.channelbook.api.deal.ResolveDealConflictCommand;
import io.channelbook.api.deal.SetProtectionWindowCommand;
import io.channelbook.api.deal.SubmitDealRegistrationCommand;
import io.channelbook.ui.config.ChannelbookProperties;
import io.channelbook.ui.security.ChannelbookUser;
import io.channelbook.ui.security.CurrentUser;
import io.channelbook.ui.web.CommandDispatcher;
import io.channelbook.ui.web.problem.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Deal registration: partners register and follow their own deals; channel managers review, decide, close and
 * settle conflicts. A partner user's partner comes from the login; another partner's deal answers 404.
 */
@RestController
@RequestMapping("/api/deals")
@Tag(name = "Deals")
class DealController {

    private final CommandDispatcher commands;
    private final QueryGateway queries;
    private final ChannelbookProperties.Deals settings;

    DealController(CommandDispatcher commands, QueryGateway queries, ChannelbookProperties properties) {
        this.commands = commands;
        this.queries = queries;
        this.settings = properties.deals();
    }

    @PostMapping
    @Operation(summary = "Register a deal (partner users). The customer is matched by its registrable domain; a "
            + "customer another registration holds already gives status CONFLICT.")
    Mono<ResponseEntity<Map<String, Object>>> submit(@Valid @RequestBody DealRequests.Submit request, ServerWebExchange exchange) {
        String domain = CustomerDomains.normalize(request.customerWebsite())
                .orElseThrow(() -> ApiProblem.badRequest("customer_website_invalid",
                        "customerWebsite must be a web address or domain such as acme.com, got " + request.customerWebsite()));
        String registrationId = UUID.randomUUID().toString();
        return CurrentUser.get().flatMap(user -> commands.<Object>send(new SubmitDealRegistrationCommand(
                                registrationId, user.partnerId(), request.customerName().strip(), domain,
                                request.customerCountry(),
                                new io.channelbook.api.deal.CustomerContact(request.customerContact().name().strip(),
                                        request.customerContact().email().strip().toLowerCase(Locale.ROOT)),
                                request.products().stream().map(String::strip).toList(),
                                request.estimatedValue().toMoney(), request.expectedCloseDate(),
                                request.notes() == null ? null : request.notes().strip(),
                                blankToNull(request.crmOpportunityId())), exchange)
                        .map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty()))
                .map(result -> {
                    Map<String, Object> body = new java.util.LinkedHashMap<>();
                    body.put("registrationId", registrationId);
                    body.put("customerDomain", domain);
                    result.filter(DealStatus.class::isInstance).ifPresent(status -> body.put("status", status));
                    return ResponseEntity.created(URI.create("/api/deals/" + registrationId)).body(body);
                });
    }

    @GetMapping
    @Operation(summary = "Partner users: their own deals. Vendor staff: all deals, the review queue, with filters.")
    Mono<DealPage> list(@RequestParam(required = false) DealStatus status,
                        @RequestParam(required = false) String partnerId,
                        @RequestParam(required = false) Boolean conflict,
                        @RequestParam(required = false) @Min(0) Long minValueMinor,
                        @RequestParam(required = false) @Pattern(regexp = "[A-Z]{3}") String currency,
                        @RequestParam(required = false) @Min(0) @Max(3650) Integer olderThanDays,
                        @RequestParam(required = false) DealSort sort,
                        @RequestParam(defaultValue = "0") @Min(0) int page,
                        @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        if (minValueMinor != null && currency == null) {
            return Mono.error(ApiProblem.badRequest("currency_required", "minValueMinor needs the currency it is in"));
        }
        return CurrentUser.get().flatMap(user -> Mono.fromFuture(() -> queries.query(
                new FindDealsQuery(user.partnerId(), status, user.isPartnerUser() ? null : partnerId, conflict,
                        minValueMinor, currency, olderThanDays, sort, page, size),
                ResponseTypes.instanceOf(DealPage.class))));
    }

    @GetMapping("/{registrationId}")
    @Operation(summary = "One deal; partner users see only their own and never who holds a conflicting claim")
    Mono<DealView> detail(@PathVariable String registrationId) {
        return CurrentUser.get().flatMap(user -> find(registrationId, user.partnerId()));
    }

    @GetMapping("/{registrationId}/conflict")
    @Operation(summary = "Vendor staff: the customer's registrations side by side, in the order the claim recorded them")
    Mono<DealConflictView> conflict(@PathVariable String registrationId) {
        return find(registrationId, null).flatMap(deal -> Mono.fromFuture(() -> queries.query(
                        new FindDealConflictQuery(deal.customerDomain()), ResponseTypes.instanceOf(DealConflictView.class))))
                .switchIfEmpty(Mono.error(() -> ApiProblem.notFound("conflict_not_found", "No claim recorded for this deal's customer yet")));
    }

    @PostMapping("/influences")
    @Operation(summary = "Partner users: log your influence on a customer's deal, named by the customer's website; "
            + "it goes to the registration protecting that customer, pending a channel manager's acceptance. You never "
            + "learn which registration or partner that is (404 no_protected_registration when none protects it).")
    Mono<ResponseEntity<Map<String, String>>> logInfluence(@Valid @RequestBody DealRequests.Influence request,
                                                           ServerWebExchange exchange) {
        String domain = CustomerDomains.normalize(request.customerWebsite())
                .orElseThrow(() -> ApiProblem.badRequest("customer_website_invalid",
                        "customerWebsite must be a web address or domain such as acme.com, got " + request.customerWebsite()));
        String touchId = UUID.randomUUID().toString();
        return CurrentUser.get().flatMap(user -> commands.send(new LogInfluenceForCustomerCommand(domain,
                        user.partnerId(), touchId, request.evidence().strip()), exchange)
                .then(Mono.just(ResponseEntity.accepted().body(Map.of("touchId", touchId, "customerDomain", domain)))));
    }

    @PutMapping("/protection-windows")
    @Operation(summary = "Program admins: how many days an approval protects deals of the program, a tier or a "
            + "partner (most specific wins; a manager may still choose days for one approval); days null removes it")
    Mono<ResponseEntity<Map<String, String>>> setProtectionWindow(@Valid @RequestBody DealRequests.ProtectionWindow request,
                                                                  ServerWebExchange exchange) {
        return commands.send(new SetProtectionWindowCommand(SetProtectionWindowCommand.WINDOWS_ID, request.kind(),
                        request.key(), request.days(), request.reason()), exchange)
                .then(Mono.just(ResponseEntity.accepted().body(Map.of("windowsId", SetProtectionWindowCommand.WINDOWS_ID))));
    }

    @PostMapping("/{registrationId}/extension-request")
    @Operation(summary = "Partner users: ask for more protection time")
    Mono<ResponseEntity<Map<String, String>>> requestExtension(@PathVariable String registrationId,
                                                               @Valid @RequestBody DealRequests.ExtensionRequest request,
                                                               ServerWebExchange exchange) {
        return CurrentUser.get().flatMap(user -> accepted(registrationId, commands.send(new RequestProtectionExtensionCommand(
                registrationId, user.partnerId(), request.additionalDays(), request.reason().strip()), exchange)));
    }

    @PostMapping("/{registrationId}/approve")
    @Operation(summary = "Approve; protection runs for protectionDays (program default if absent)")
    Mono<ResponseEntity<Map<String, String>>> approve(@PathVariable String registrationId,
                                                      @Valid @RequestBody(required = false) DealRequests.Approve request,
                                                      ServerWebExchange exchange) {
        return accepted(registrationId, commands.send(approval(registrationId, request == null ? null : request.protectionDays()), exchange));
    }

    @PostMapping("/{registrationId}/reject")
    @Operation(summary = "Reject with a reason code and text")
    Mono<ResponseEntity<Map<String, String>>> reject(@PathVariable String registrationId,
                                                     @Valid @RequestBody DealRequests.Reject request, ServerWebExchange exchange) {
        return accepted(registrationId, commands.send(new RejectDealRegistrationCommand(registrationId,
                request.reasonCode(), request.reason().strip()), exchange));
    }

    @PostMapping("/{registrationId}/extend")
    @Operation(summary = "Grant or deny the pending extension request")
    Mono<ResponseEntity<Map<String, String>>> extend(@PathVariable String registrationId,
                                                     @Valid @RequestBody DealRequests.ExtensionDecision request,
                                                     ServerWebExchange exchange) {
        return accepted(registrationId, commands.send(new DecideProtectionExtensionCommand(registrationId,
                request.granted(), request.days(), request.reason().strip()), exchange));
    }

    @PostMapping("/{registrationId}/close-won")
    @Operation(summary = "Mark won by hand, with the actual amount, close date and line items")
    Mono<ResponseEntity<Map<String, String>>> closeWon(@PathVariable String registrationId,
                                                       @Valid @RequestBody DealRequests.CloseWon request,
                                                       ServerWebExchange exchange) {
        List<LineItem> lines = request.lineItems() == null ? List.of() : request.lineItems().stream()
                .map(line -> new LineItem(line.product().strip(), line.amount().toMoney(), line.recurring(), line.termMonths()))
                .toList();
        return accepted(registrationId, commands.send(new CloseDealWonCommand(registrationId, request.amount().toMoney(),
                request.closeDate(), lines, CloseSource.MANUAL), exchange));
    }

    @PostMapping("/{registrationId}/close-lost")
    @Operation(summary = "Mark lost by hand, with a reason")
    Mono<ResponseEntity<Map<String, String>>> closeLost(@PathVariable String registrationId,
                                                        @Valid @RequestBody DealRequests.CloseLost request,
                                                        ServerWebExchange exchange) {
        return accepted(registrationId, commands.send(new CloseDealLostCommand(registrationId, request.reason().strip(),
                CloseSource.MANUAL), exchange));
    }

    @PostMapping("/{registrationId}/billing-periods")
    @Operation(summary = "Report one billed period of a won deal's recurring line (period 1 is the subscription's first)",
            description = "Recurring commissions accrue per reported period. Reporting the same period again with the same "
                    + "amount changes nothing; with another amount it is refused.")
    Mono<ResponseEntity<Map<String, Object>>> reportBillingPeriod(@PathVariable String registrationId,
                                                                  @Valid @RequestBody DealRequests.BillingPeriod request,
                                                                  ServerWebExchange exchange) {
        String product = request.product().strip();
        return commands.send(new ReportBillingPeriodCommand(registrationId, product, request.periodNumber(),
                        request.billed().toMoney(), request.billedOn(), CloseSource.MANUAL), exchange)
                .then(Mono.fromSupplier(() -> ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.<String, Object>of(
                        "registrationId", registrationId, "product", product, "periodNumber", request.periodNumber()))));
    }

    @PostMapping("/{registrationId}/resolve-conflict")
    @Operation(summary = "Settle a conflict: KEEP_FIRST, TRANSFER_PROTECTION or CO_SELL, with a reason")
    Mono<ResponseEntity<Map<String, String>>> resolveConflict(@PathVariable String registrationId,
                                                              @Valid @RequestBody DealRequests.ResolveConflict request,
                                                              ServerWebExchange exchange) {
        return find(registrationId, null).flatMap(deal -> accepted(registrationId, commands.send(new ResolveDealConflictCommand(
                registrationId, deal.customerDomain(), request.resolution(), request.reason().strip()), exchange)));
    }

    @PostMapping("/{registrationId}/touches")
    @Operation(summary = "Record another partner's part: INFLUENCED (with evidence, to be accepted) or DELIVERED")
    Mono<ResponseEntity<Map<String, String>>> logTouch(@PathVariable String registrationId,
                                                       @Valid @RequestBody DealRequests.Touch request,
                                                       ServerWebExchange exchange) {
        String touchId = UUID.randomUUID().toString();
        return commands.send(new LogPartnerTouchCommand(registrationId, touchId, request.partnerId(), request.type(),
                        request.evidence()), exchange)
                .then(Mono.fromSupplier(() -> ResponseEntity.status(HttpStatus.CREATED)
                        .body(Map.of("registrationId", registrationId, "touchId", touchId))));
    }

    @PostMapping("/{registrationId}/touches/{touchId}/accept")
    @Operation(summary = "Accept a logged influence touch")
    Mono<ResponseEntity<Map<String, String>>> acceptTouch(@PathVariable String registrationId, @PathVariable String touchId,
                                                          ServerWebExchange exchange) {
        return accepted(registrationId, commands.send(new AcceptPartnerTouchCommand(registrationId, touchId), exchange));
    }

    @PostMapping("/bulk/approve")
    @Operation(summary = "Approve several registrations; each answers on its own")
    Flux<BulkResult> bulkApprove(@Valid @RequestBody DealRequests.BulkApprove request, ServerWebExchange exchange) {
        return Flux.fromIterable(request.registrationIds().stream().distinct().toList())
                .concatMap(id -> outcome(id, commands.send(approval(id, request.protectionDays()), exchange)));
    }

    @PostMapping("/bulk/reject")
    @Operation(summary = "Reject several registrations with one reason; each answers on its own")
    Flux<BulkResult> bulkReject(@Valid @RequestBody DealRequests.BulkReject request, ServerWebExchange exchange) {
        return Flux.fromIterable(request.registrationIds().stream().distinct().toList())
                .concatMap(id -> outcome(id, commands.send(new RejectDealRegistrationCommand(id,
                        request.rejection().reasonCode(), request.rejection().reason().strip()), exchange)));
    }

    private ApproveDealRegistrationCommand approval(String registrationId, Integer protectionDays) {
        // without a window for this approval, the program's setting for the partner (partner, tier, program) or else
        // the configured default applies; the command side decides that against its own state
        return protectionDays == null
                ? new ApproveDealRegistrationCommand(registrationId, settings.protectionDays(),
                        settings.reminderDaysBefore(), true)
                : new ApproveDealRegistrationCommand(registrationId, protectionDays, settings.reminderDaysBefore());
    }

    private Mono<DealView> find(String registrationId, String viewerPartnerId) {
        return Mono.fromFuture(() -> queries.query(new FindDealQuery(registrationId, viewerPartnerId),
                        ResponseTypes.instanceOf(DealView.class)))
                .switchIfEmpty(Mono.error(() -> ApiProblem.notFound("deal_not_found", "No deal with id " + registrationId)));
    }

    private static Mono<ResponseEntity<Map<String, String>>> accepted(String registrationId, Mono<?> command) {
        return command.then(Mono.fromSupplier(() -> ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(Map.of("registrationId", registrationId))));
    }

    /** One registration's outcome in a bulk action: done, or the problem code and message it was refused with. */
    private static Mono<BulkResult> outcome(String registrationId, Mono<?> command) {
        return command.then(Mono.just(new BulkResult(registrationId, 202, "done", null)))
                .onErrorResume(error -> Mono.just(BulkResultMapper.refused(registrationId, error)));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    record BulkResult(String registrationId, int status, String code, String detail) {
    }

    /** Maps refusals of single commands in a bulk action the way the API would answer them alone. */
    static final class BulkResultMapper {

        private BulkResultMapper() {
        }

        static BulkResult refused(String registrationId, Throwable error) {
            Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause instanceof org.axonframework.commandhandling.CommandExecutionException refused
                    && refused.getDetails().orElse(null) instanceof io.channelbook.api.common.ErrorDetails details) {
                return new BulkResult(registrationId, io.channelbook.ui.web.problem.ApiExceptionHandler.statusOf(details).value(),
                        details.code(), details.message());
            }
            if (cause instanceof ErrorResponse response) {
                ProblemDetail body = response.getBody();
                Object code = body.getProperties() == null ? null : body.getProperties().get("code");
                return new BulkResult(registrationId, body.getStatus(), code == null ? "refused" : code.toString(), body.getDetail());
            }
            return new BulkResult(registrationId, 500, "internal_error", "Something went wrong on our side");
        }
    }
}
