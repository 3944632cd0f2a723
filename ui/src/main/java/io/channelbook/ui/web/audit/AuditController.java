package io.channelbook.ui.web.audit;

import io.channelbook.api.audit.AuditEntry;
import io.channelbook.api.audit.AuditTrail;
import io.channelbook.api.audit.FindAuditTrailQuery;
import io.channelbook.ui.web.csv.Csv;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/** The audit trail: who did what, when and through which request, for every event of one aggregate. */
@RestController
@RequestMapping("/api/audit")
@Tag(name = "Audit")
class AuditController {

    static final String TEXT_CSV_VALUE = "text/csv";
    static final MediaType TEXT_CSV = MediaType.parseMediaType(TEXT_CSV_VALUE);
    private static final List<String> CSV_HEADER = List.of("eventId", "aggregateType", "aggregateId",
            "sequenceNumber", "eventType", "timestamp", "actorId", "actorRole", "actorPartnerId", "requestId",
            "correlationId", "causationId", "clientAddress");

    private final QueryGateway queryGateway;

    AuditController(QueryGateway queryGateway) {
        this.queryGateway = queryGateway;
    }

    @GetMapping(produces = {MediaType.APPLICATION_JSON_VALUE, TEXT_CSV_VALUE})
    @Operation(summary = "Who did what, when and through which request: every event of one aggregate, in order",
            description = "Each entry names the event type, its time, the actor and role (and partner, for partner "
                    + "users), the request id, correlation and causation ids and the client address; never the "
                    + "event's content. JSON, or CSV (attachment) with Accept: text/csv; in CSV a value that starts "
                    + "with = + - @ is prefixed with an apostrophe so spreadsheets do not run it. An aggregate with "
                    + "no recorded events has an empty trail; the trail may lag the latest change by a moment.")
    Mono<ResponseEntity<Object>> trail(
            @Parameter(description = "The id of the partner, deal or other aggregate", required = true)
            @RequestParam(required = false) @NotBlank @Size(max = 200) String aggregateId,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        String id = aggregateId.strip();
        boolean csv = prefersCsv(accept == null ? List.of() : MediaType.parseMediaTypes(accept));
        return Mono.fromFuture(() -> queryGateway.query(new FindAuditTrailQuery(id), ResponseTypes.instanceOf(AuditTrail.class)))
                .defaultIfEmpty(new AuditTrail(id, List.of()))
                .map(trail -> csv ? csvResponse(trail) : ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(trail));
    }

    /**
     * CSV only when the client prefers it to JSON (by quality, then specificity); anything else, {@code *}{@code /*}
     * and no Accept header included, gets JSON.
     */
    static boolean prefersCsv(List<MediaType> accepted) {
        return accepted.stream()
                .filter(type -> type.getQualityValue() > 0)
                .sorted(Comparator.comparingDouble(MediaType::getQualityValue).reversed()
                        .thenComparing(MediaType::isWildcardType)
                        .thenComparing(MediaType::isWildcardSubtype))
                .filter(type -> type.isCompatibleWith(MediaType.APPLICATION_JSON) || type.isCompatibleWith(TEXT_CSV))
                .findFirst()
                .map(type -> !type.isCompatibleWith(MediaType.APPLICATION_JSON))
                .orElse(false);
    }

    static String toCsv(AuditTrail trail) {
        StringBuilder csv = new StringBuilder(row(CSV_HEADER));
        for (AuditEntry entry : trail.entries()) {
            csv.append(row(Arrays.asList(entry.eventId(), entry.aggregateType(), entry.aggregateId(),
                    Long.toString(entry.sequenceNumber()), entry.eventType(), Objects.toString(entry.timestamp(), null),
                    entry.actorId(), entry.actorRole(), entry.actorPartnerId(), entry.requestId(), entry.correlationId(),
                    entry.causationId(), entry.clientAddress())));
        }
        return csv.toString();
    }

    /**
     * RFC 4180 quoting. A value a spreadsheet would run as a formula gets a leading apostrophe: audit exports are
     * opened in spreadsheets, and some values (a caller's correlation id) come from outside.
     */
    static String field(String value) {
        return Csv.text(value);
    }

    private static String row(List<String> fields) {
        return fields.stream().map(AuditController::field).collect(Collectors.joining(",", "", "\r\n"));
    }

    private static ResponseEntity<Object> csvResponse(AuditTrail trail) {
        ContentDisposition attachment = ContentDisposition.attachment()
                .filename("audit-" + trail.aggregateId().replaceAll("[^A-Za-z0-9._-]", "_") + ".csv")
                .build();
        return ResponseEntity.ok()
                .contentType(new MediaType(TEXT_CSV, StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, attachment.toString())
                .body(toCsv(trail));
    }
}
