package io.channelbook.ui.web.crm;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.channelbook.api.deal.ChangeDealAmountCommand;
import io.channelbook.api.deal.CloseDealLostCommand;
import io.channelbook.api.deal.CloseDealWonCommand;
import io.channelbook.api.deal.CloseSource;
import io.channelbook.api.deal.DealView;
import io.channelbook.api.deal.FindDealByCrmOpportunityQuery;
import io.channelbook.api.deal.LineItem;
import io.channelbook.api.deal.RefundDealCommand;
import io.channelbook.api.deal.ReportBillingPeriodCommand;
import io.channelbook.api.money.Money;
import io.channelbook.ui.config.ChannelbookProperties;
import io.channelbook.ui.security.Secrets;
import io.channelbook.ui.web.CommandDispatcher;
import io.channelbook.ui.web.problem.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Opportunity updates from the CRM: closed-won, closed-lost, amount change, refund, billed period of a recurring line,
 * for the registration linked to
 * the opportunity. Authenticated by an HMAC-SHA256 signature over timestamp and raw body with a shared secret
 * ({@code X-Channelbook-Timestamp}, epoch seconds, and {@code X-Channelbook-Signature}); a stale timestamp or a bad
 * signature gets 401. Idempotent by {@code deliveryId}: a repeat returns the first answer, a repeat with another body
 * is refused with 409.
 */
@RestController
@RequestMapping("/api/integrations/crm")
@Tag(name = "CRM integration")
class CrmWebhookController {

    static final String TIMESTAMP_HEADER = "X-Channelbook-Timestamp";
    static final String SIGNATURE_HEADER = "X-Channelbook-Signature";

    private final ChannelbookProperties.Crm settings;
    private final Clock clock;
    private final ObjectMapper objectMapper;
    private final Validator validator;
    private final ReactiveMongoTemplate mongo;
    private final QueryGateway queries;
    private final CommandDispatcher commands;

    CrmWebhookController(ChannelbookProperties properties, Clock clock, ObjectMapper objectMapper, Validator validator,
                         ReactiveMongoTemplate mongo, QueryGateway queries, CommandDispatcher commands) {
        this.settings = properties.crm();
        this.clock = clock;
        this.objectMapper = objectMapper;
        this.validator = validator;
        this.mongo = mongo;
        this.queries = queries;
        this.commands = commands;
    }

    @PostMapping(path = "/events", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Opportunity updates from the CRM (HMAC-signed, idempotent by deliveryId)")
    Mono<ResponseEntity<String>> receive(@RequestHeader(name = TIMESTAMP_HEADER, required = false) String timestamp,
                                         @RequestHeader(name = SIGNATURE_HEADER, required = false) String signature,
                                         @RequestBody(required = false) byte[] body,
                                         ServerWebExchange exchange) {
        if (settings.secret() == null || settings.secret().isBlank()) {
            return Mono.error(new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "crm_not_configured",
                    "The CRM integration has no shared secret (CHANNELBOOK_CRM_SECRET)"));
        }
        byte[] raw = body == null ? new byte[0] : body;
        checkFresh(timestamp);
        if (!CrmSignature.matches(settings.secret(), timestamp, raw, signature)) {
            return Mono.error(new ApiProblem(HttpStatus.UNAUTHORIZED, "invalid_signature",
                    "The signature does not match the body and timestamp"));
        }
        CrmEvent event = parse(raw);
        String bodyHash = Secrets.sha256(new String(raw, StandardCharsets.UTF_8));
        return claim(event.deliveryId(), bodyHash).flatMap(previous -> previous.isEmpty()
                ? apply(event, exchange)
                        .flatMap(answer -> complete(event.deliveryId(), answer))
                        .onErrorResume(failure -> release(event.deliveryId()).then(Mono.error(failure)))
                : Mono.just(ResponseEntity.status(previous.get().status()).contentType(MediaType.APPLICATION_JSON)
                        .body(previous.get().response())));
    }

    private void checkFresh(String timestamp) {
        long seconds;
        try {
            seconds = Long.parseLong(timestamp == null ? "" : timestamp.strip());
        } catch (NumberFormatException notANumber) {
            throw new ApiProblem(HttpStatus.UNAUTHORIZED, "invalid_signature", TIMESTAMP_HEADER + " must be epoch seconds");
        }
        Duration skew = Duration.between(Instant.ofEpochSecond(seconds), clock.instant()).abs();
        if (skew.compareTo(settings.maxSkew()) > 0) {
            throw new ApiProblem(HttpStatus.UNAUTHORIZED, "stale_signature",
                    "The delivery timestamp is " + skew.toSeconds() + " s away from now; at most " + settings.maxSkew().toSeconds() + " s are accepted");
        }
    }

    private CrmEvent parse(byte[] raw) {
        CrmEvent event;
        try {
            event = objectMapper.readValue(raw, CrmEvent.class);
        } catch (IOException unreadable) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "malformed_request", "The body is not a valid CRM event");
        }
        if (event == null) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "malformed_request", "A body is required");
        }
        Set<ConstraintViolation<CrmEvent>> violations = validator.validate(event);
        if (!violations.isEmpty()) {
            throw ApiProblem.badRequest("validation_failed", violations.stream()
                    .sorted(Comparator.comparing(violation -> violation.getPropertyPath().toString()))
                    .map(violation -> violation.getPropertyPath() + " " + violation.getMessage())
                    .collect(Collectors.joining("; ")));
        }
        return event;
    }

    /** Empty when this delivery is new and now ours; the completed earlier delivery when it is a repeat. */
    private Mono<java.util.Optional<CrmDelivery>> claim(String deliveryId, String bodyHash) {
        return mongo.insert(new CrmDelivery(deliveryId, bodyHash, clock.instant(), null, null))
                .then(Mono.<CrmDelivery>empty())
                .onErrorResume(DuplicateKeyException.class, duplicate -> mongo.findById(deliveryId, CrmDelivery.class)
                        .flatMap(previous -> {
                            if (!previous.bodySha256().equals(bodyHash)) {
                                return Mono.error(new ApiProblem(HttpStatus.CONFLICT, "delivery_id_reused",
                                        "Delivery " + deliveryId + " was received before with a different body"));
                            }
                            if (!previous.completed()) {
                                return Mono.error(new ApiProblem(HttpStatus.CONFLICT, "delivery_in_progress",
                                        "Delivery " + deliveryId + " is being processed; retry shortly"));
                            }
                            return Mono.just(previous);
                        }))
                .map(java.util.Optional::of)
                .defaultIfEmpty(java.util.Optional.empty());
    }

    private Mono<ResponseEntity<String>> complete(String deliveryId, ResponseEntity<String> answer) {
        return mongo.updateFirst(Query.query(Criteria.where("_id").is(deliveryId)),
                        Update.update("status", answer.getStatusCode().value()).set("response", answer.getBody()), CrmDelivery.class)
                .thenReturn(answer);
    }

    private Mono<Void> release(String deliveryId) {
        return mongo.remove(Query.query(Criteria.where("_id").is(deliveryId)), CrmDelivery.class).then();
    }

    private Mono<ResponseEntity<String>> apply(CrmEvent event, ServerWebExchange exchange) {
        return Mono.fromFuture(() -> queries.query(new FindDealByCrmOpportunityQuery(event.opportunityId()),
                        ResponseTypes.instanceOf(DealView.class)))
                .switchIfEmpty(Mono.error(() -> ApiProblem.notFound("opportunity_not_linked",
                        "No deal registration is linked to CRM opportunity " + event.opportunityId())))
                .flatMap(deal -> commands.send(command(event, deal.registrationId()), exchange)
                        .then(Mono.fromCallable(() -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                                .body(objectMapper.writeValueAsString(Map.of(
                                        "deliveryId", event.deliveryId(),
                                        "registrationId", deal.registrationId(),
                                        "applied", event.type().name()))))));
    }

    private static Object command(CrmEvent event, String registrationId) {
        return switch (event.type()) {
            case CLOSED_WON -> new CloseDealWonCommand(registrationId, money(required(event.amount(), "amount")),
                    required(event.closeDate(), "closeDate"), lines(event.lineItems()), CloseSource.CRM);
            case CLOSED_LOST -> new CloseDealLostCommand(registrationId,
                    event.reason() == null || event.reason().isBlank() ? "Closed lost in the CRM" : event.reason().strip(), CloseSource.CRM);
            case AMOUNT_CHANGED -> new ChangeDealAmountCommand(registrationId, money(required(event.amount(), "amount")), CloseSource.CRM);
            case REFUND -> new RefundDealCommand(registrationId, money(required(event.amount(), "amount")),
                    event.reference() == null ? event.deliveryId() : event.reference(), CloseSource.CRM);
            case BILLING_PERIOD -> new ReportBillingPeriodCommand(registrationId, requiredText(event.product(), "product"),
                    required(event.periodNumber(), "periodNumber"), money(required(event.amount(), "amount")),
                    required(event.billedOn(), "billedOn"), CloseSource.CRM);
        };
    }

    private static <T> T required(T value, String field) {
        if (value == null) {
            throw ApiProblem.badRequest("validation_failed", field + " is required for this event type");
        }
        return value;
    }

    private static String requiredText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw ApiProblem.badRequest("validation_failed", field + " is required for this event type");
        }
        return value.strip();
    }

    private static Money money(CrmEvent.Amount amount) {
        try {
            return Money.ofMajor(amount.amount(), amount.currency());
        } catch (IllegalArgumentException invalid) {
            throw ApiProblem.badRequest("invalid_amount", invalid.getMessage());
        }
    }

    private static List<LineItem> lines(List<CrmEvent.Line> lines) {
        return lines == null ? List.of() : lines.stream()
                .map(line -> new LineItem(line.product(), money(line.amount()), line.recurring(), line.termMonths()))
                .toList();
    }
}
