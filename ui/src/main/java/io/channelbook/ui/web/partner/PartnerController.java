package io.channelbook.ui.web.partner;

import io.channelbook.api.partner.ActivatePartnerCommand;
import io.channelbook.api.partner.ChangePartnerTierCommand;
import io.channelbook.api.partner.FindPartnerQuery;
import io.channelbook.api.partner.FindPartnersQuery;
import io.channelbook.api.partner.PartnerPage;
import io.channelbook.api.partner.PartnerStatus;
import io.channelbook.api.partner.PartnerSummary;
import io.channelbook.api.partner.PartnerView;
import io.channelbook.api.partner.PrimaryContact;
import io.channelbook.api.partner.RegisterPartnerCommand;
import io.channelbook.api.partner.SuspendPartnerCommand;
import io.channelbook.ui.web.CommandDispatcher;
import io.channelbook.ui.web.problem.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;

/** Partners: register, list, detail, live changes, activate and suspend. */
@RestController
@RequestMapping("/api/partners")
@Tag(name = "Partners")
class PartnerController {

    private static final Duration HEARTBEAT = Duration.ofSeconds(15);

    private final CommandDispatcher commands;
    private final QueryGateway queryGateway;

    PartnerController(CommandDispatcher commands, QueryGateway queryGateway) {
        this.commands = commands;
        this.queryGateway = queryGateway;
    }

    @PostMapping
    @Operation(summary = "Register a partner company; it starts in ONBOARDING")
    Mono<ResponseEntity<PartnerReference>> register(@Valid @RequestBody RegisterPartnerRequest request,
                                                    ServerWebExchange exchange) {
        String partnerId = UUID.randomUUID().toString();
        RegisterPartnerCommand command = new RegisterPartnerCommand(
                partnerId,
                request.legalName().strip(),
                request.country(),
                PartnerDomains.normalize(request.websiteDomain()),
                request.programType(),
                new PrimaryContact(request.primaryContact().name().strip(),
                        request.primaryContact().email().strip().toLowerCase(Locale.ROOT)));
        return commands.send(command, exchange)
                .then(Mono.fromSupplier(() -> ResponseEntity
                        .created(URI.create("/api/partners/" + partnerId))
                        .body(new PartnerReference(partnerId))));
    }

    @GetMapping
    @Operation(summary = "List partners by legal name, optionally in one status")
    Mono<PartnerPage> list(@RequestParam(required = false) PartnerStatus status,
                           @RequestParam(defaultValue = "0") @Min(0) int page,
                           @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        return Mono.fromFuture(() -> queryGateway.query(new FindPartnersQuery(status, page, size),
                ResponseTypes.instanceOf(PartnerPage.class)));
    }

    @GetMapping("/{partnerId}")
    @Operation(summary = "One partner's detail")
    Mono<PartnerView> detail(@PathVariable String partnerId) {
        return Mono.fromFuture(() -> queryGateway.query(new FindPartnerQuery(partnerId),
                        ResponseTypes.instanceOf(PartnerView.class)))
                .switchIfEmpty(Mono.error(() -> ApiProblem.notFound("partner_not_found", "No partner with id " + partnerId)));
    }

    @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Server-Sent Events: every partner change (event name 'partner'), optionally in one status")
    Flux<ServerSentEvent<PartnerSummary>> stream(@RequestParam(required = false) PartnerStatus status) {
        return Flux.using(
                () -> queryGateway.subscriptionQuery(new FindPartnersQuery(status, 0, 1),
                        ResponseTypes.instanceOf(PartnerPage.class), ResponseTypes.instanceOf(PartnerSummary.class)),
                subscription -> Flux.merge(
                        // tells the client that the subscription is in place before any change arrives
                        Flux.just(ServerSentEvent.<PartnerSummary>builder().comment("subscribed").build()),
                        subscription.updates().map(partner -> ServerSentEvent.builder(partner)
                                .event("partner").id(partner.partnerId()).build()),
                        Flux.interval(HEARTBEAT).map(tick -> ServerSentEvent.<PartnerSummary>builder().comment("heartbeat").build())),
                SubscriptionQueryResult::close);
    }

    @PostMapping("/{partnerId}/activate")
    @Operation(summary = "Let an onboarding or suspended partner sell, with a reason")
    Mono<ResponseEntity<PartnerReference>> activate(@PathVariable String partnerId,
                                                    @Valid @RequestBody StatusChangeRequest request,
                                                    ServerWebExchange exchange) {
        return commands.send(new ActivatePartnerCommand(partnerId, request.reason().strip()), exchange)
                .then(Mono.fromSupplier(() -> ResponseEntity.status(HttpStatus.ACCEPTED).body(new PartnerReference(partnerId))));
    }

    @PostMapping("/{partnerId}/suspend")
    @Operation(summary = "Stop a partner from selling, with a reason")
    Mono<ResponseEntity<PartnerReference>> suspend(@PathVariable String partnerId,
                                                   @Valid @RequestBody StatusChangeRequest request,
                                                   ServerWebExchange exchange) {
        return commands.send(new SuspendPartnerCommand(partnerId, request.reason().strip()), exchange)
                .then(Mono.fromSupplier(() -> ResponseEntity.status(HttpStatus.ACCEPTED).body(new PartnerReference(partnerId))));
    }

    @PostMapping("/{partnerId}/tier")
    @Operation(summary = "Move a partner to a tier (e.g. GOLD; upper-cased), or out of any tier with tier null, with a reason",
            description = "Commission plans assigned to the tier and the plans' tier multipliers follow the partner's tier "
                    + "for deals closed from now on; entries already booked keep their amounts.")
    Mono<ResponseEntity<TierReference>> changeTier(@PathVariable String partnerId,
                                                   @Valid @RequestBody TierChangeRequest request,
                                                   ServerWebExchange exchange) {
        String tier = request.normalizedTier();
        return commands.send(new ChangePartnerTierCommand(partnerId, tier, request.reason().strip()), exchange)
                .then(Mono.fromSupplier(() -> ResponseEntity.status(HttpStatus.ACCEPTED).body(new TierReference(partnerId, tier))));
    }

    /** A partner and the tier it was moved to (null: none). */
    record TierReference(String partnerId, String tier) {
    }

    /** Where a partner can be found. */
    record PartnerReference(String partnerId) {
    }
}
