package io.channelbook.ui.audit;

import io.channelbook.ui.StandaloneIntegrationTest;
import io.channelbook.ui.partner.PartnerRequests;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.web.util.UriBuilder;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The audit trail over HTTP on the real standalone runtime: what the partner flow recorded, as JSON and CSV. */
class AuditTrailIT extends StandaloneIntegrationTest {

    private static final MediaType TEXT_CSV = MediaType.parseMediaType("text/csv");

    @Test
    void listsWhoDidWhatThroughWhichRequestInOrder() {
        String correlationId = "audit-it-" + UUID.randomUUID();
        EntityExchangeResult<Map> registration = http.post().uri("/api/partners").contentType(MediaType.APPLICATION_JSON)
                .header("X-Correlation-Id", correlationId)
                .bodyValue(PartnerRequests.valid("Trail Partners Ltd", "trail-partners.co.uk"))
                .exchange()
                .expectStatus().isCreated()
                .expectBody(Map.class).returnResult();
        String partnerId = registration.getResponseBody().get("partnerId").toString();
        String registrationRequestId = registration.getResponseHeaders().getFirst("X-Request-Id");
        String activationRequestId = http.post().uri("/api/partners/{id}/activate", partnerId)
                .contentType(MediaType.APPLICATION_JSON)
                .header("X-Correlation-Id", correlationId)
                .bodyValue(Map.of("reason", "agreement signed"))
                .exchange()
                .expectStatus().isAccepted()
                .returnResult(Void.class).getResponseHeaders().getFirst("X-Request-Id");
        String adminId = http.get().uri("/api/me").exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody().get("userId").toString();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> http.get()
                .uri(uri -> uri.path("/api/audit").queryParam("aggregateId", partnerId).build())
                .exchange()
                .expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.aggregateId").isEqualTo(partnerId)
                .jsonPath("$.entries.length()").isEqualTo(2));

        http.get().uri(uri -> uri.path("/api/audit").queryParam("aggregateId", partnerId).build())
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.entries[0].eventType").isEqualTo("PartnerRegisteredEvent")
                .jsonPath("$.entries[1].eventType").isEqualTo("PartnerActivatedEvent")
                .jsonPath("$.entries[0].sequenceNumber").isEqualTo(0)
                .jsonPath("$.entries[1].sequenceNumber").isEqualTo(1)
                .jsonPath("$.entries[*].aggregateId").isEqualTo(List.of(partnerId, partnerId))
                .jsonPath("$.entries[*].actorId").isEqualTo(List.of(adminId, adminId))
                .jsonPath("$.entries[*].actorRole").isEqualTo(List.of("PROGRAM_ADMIN", "PROGRAM_ADMIN"))
                .jsonPath("$.entries[0].requestId").isEqualTo(registrationRequestId)
                .jsonPath("$.entries[1].requestId").isEqualTo(activationRequestId)
                .jsonPath("$.entries[*].correlationId").isEqualTo(List.of(correlationId, correlationId))
                .jsonPath("$.entries[0].causationId").value(id -> assertThat(id.toString()).isNotBlank())
                .jsonPath("$.entries[1].causationId").value(id -> assertThat(id.toString()).isNotBlank())
                .jsonPath("$.entries[0].timestamp").isNotEmpty()
                .jsonPath("$.entries[0].clientAddress").isEqualTo("127.0.0.1")
                .jsonPath("$.entries[0].legalName").doesNotExist();

        String csv = http.get().uri(uri -> uri.path("/api/audit").queryParam("aggregateId", partnerId).build())
                .accept(TEXT_CSV)
                .exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(TEXT_CSV)
                .expectHeader().valueEquals(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"audit-" + partnerId + ".csv\"")
                .expectBody(String.class).returnResult().getResponseBody();
        List<String> lines = csv.lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo("eventId,aggregateType,aggregateId,sequenceNumber,eventType,timestamp,"
                + "actorId,actorRole,actorPartnerId,requestId,correlationId,causationId,clientAddress");
        assertThat(lines.get(1)).contains(partnerId, ",0,PartnerRegisteredEvent,", adminId, registrationRequestId, correlationId);
        assertThat(lines.get(2)).contains(partnerId, ",1,PartnerActivatedEvent,", adminId, activationRequestId, correlationId);
    }

    @Test
    void unknownAggregateHasAnEmptyTrail() {
        http.get().uri("/api/audit?aggregateId=no-such-aggregate")
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.aggregateId").isEqualTo("no-such-aggregate")
                .jsonPath("$.entries").isEmpty();
    }

    @Test
    void anonymousCallersAreRefused() {
        anonymous.get().uri("/api/audit?aggregateId=anything")
                .exchange()
                .expectStatus().isUnauthorized();
    }

    @Test
    void missingBlankOrOversizedAggregateIdIsRefused() {
        refused(uri -> uri.path("/api/audit").build());
        for (String aggregateId : List.of("", "  ", "a".repeat(201))) {
            refused(uri -> uri.path("/api/audit").queryParam("aggregateId", aggregateId).build());
        }
    }

    @Test
    void isInTheApiDocument() {
        anonymous.get().uri("/v3/api-docs").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.paths['/api/audit'].get.parameters[0].name").isEqualTo("aggregateId");
    }

    @Test
    void refusalIsProblemJsonEvenWhenCsvWasAsked() {
        http.get().uri("/api/audit")
                .accept(TEXT_CSV)
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("validation_failed");
    }

    private void refused(Function<UriBuilder, URI> uri) {
        http.get().uri(uri)
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code").isEqualTo("validation_failed")
                .jsonPath("$.errors[0].field").isEqualTo("aggregateId");
    }
}
