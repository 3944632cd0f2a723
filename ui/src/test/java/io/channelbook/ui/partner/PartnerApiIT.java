package io.channelbook.ui.partner;

import io.channelbook.api.common.MetadataKeys;
import io.channelbook.api.partner.PartnerStatus;
import io.channelbook.api.partner.PartnerSummary;
import io.channelbook.ui.StandaloneIntegrationTest;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The partner flow over HTTP on the real standalone runtime: H2 event store, embedded Mongo-wire read models. */
class PartnerApiIT extends StandaloneIntegrationTest {

    @Autowired
    EventStore eventStore;

    @Test
    void registeredPartnerBecomesReadableAndIsPushedToStreamSubscribers() {
        List<ServerSentEvent<PartnerSummary>> received = new CopyOnWriteArrayList<>();
        Disposable subscription = WebClient.create("http://localhost:" + port).get().uri("/api/partners/stream")
                .headers(headers -> headers.setBasicAuth(ADMIN_EMAIL, ADMIN_PASSWORD))
                .accept(MediaType.TEXT_EVENT_STREAM)
                .retrieve()
                .bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<PartnerSummary>>() {
                })
                .subscribe(received::add);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> received.stream().anyMatch(e -> "subscribed".equals(e.comment())));

            String partnerId = register(PartnerRequests.valid("Stream Partners Ltd", "https://www.Stream-Partners.co.uk/"));

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> http.get().uri("/api/partners/{id}", partnerId)
                    .exchange()
                    .expectStatus().isOk()
                    .expectBody()
                    .jsonPath("$.legalName").isEqualTo("Stream Partners Ltd")
                    .jsonPath("$.websiteDomain").isEqualTo("stream-partners.co.uk")
                    .jsonPath("$.status").isEqualTo("ONBOARDING")
                    .jsonPath("$.primaryContact.email").isEqualTo("ana@example.com"));
            await().atMost(Duration.ofSeconds(10)).until(() -> received.stream()
                    .anyMatch(e -> "partner".equals(e.event()) && e.data() != null && partnerId.equals(e.data().partnerId())));

            http.post().uri("/api/partners/{id}/activate", partnerId).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("reason", "agreement signed"))
                    .exchange().expectStatus().isAccepted();

            await().atMost(Duration.ofSeconds(10)).until(() -> received.stream()
                    .anyMatch(e -> e.data() != null && partnerId.equals(e.data().partnerId())
                            && e.data().status() == PartnerStatus.ACTIVE));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> http.get()
                    .uri(uri -> uri.path("/api/partners").queryParam("status", "ACTIVE").build())
                    .exchange()
                    .expectStatus().isOk()
                    .expectBody()
                    .jsonPath("$.items[?(@.partnerId == '" + partnerId + "')].status").isEqualTo("ACTIVE"));
        } finally {
            subscription.dispose();
        }
    }

    @Test
    void everyEventKeepsWhoAskedThroughWhichRequest() {
        String partnerId = http.post().uri("/api/partners").contentType(MediaType.APPLICATION_JSON)
                .header("X-Correlation-Id", "onboarding-batch-7")
                .bodyValue(PartnerRequests.valid("Audit Partners BV", "audit-partners.nl"))
                .exchange()
                .expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("partnerId").toString();

        List<? extends DomainEventMessage<?>> events = eventStore.readEvents(partnerId).asStream().toList();

        assertThat(events).hasSize(1);
        Map<String, Object> metaData = events.get(0).getMetaData();
        String adminId = http.get().uri("/api/me").exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody().get("userId").toString();
        assertThat(metaData).containsEntry(MetadataKeys.ACTOR_ID, adminId)
                .containsEntry(MetadataKeys.ACTOR_ROLE, "PROGRAM_ADMIN")
                .doesNotContainKey(MetadataKeys.ACTOR_PARTNER_ID)
                .containsEntry(MetadataKeys.CORRELATION_ID, "onboarding-batch-7")
                .containsEntry(MetadataKeys.CLIENT_ADDRESS, "127.0.0.1")
                .containsKey(MetadataKeys.REQUEST_ID)
                .containsKey(MetadataKeys.CAUSATION_ID);
        assertThat(metaData.get(MetadataKeys.REQUEST_ID).toString()).isNotBlank();
    }

    @Test
    void statusChangeOfUnknownPartnerIsNotFound() {
        http.post().uri("/api/partners/{id}/suspend", "no-such-partner").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("reason", "fraud"))
                .exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("partner_not_found");
    }

    @Test
    void repeatedActivationIsAConflictAndWritesNothing() {
        String partnerId = register(PartnerRequests.valid("Twice Ltd", "twice.io"));
        http.post().uri("/api/partners/{id}/activate", partnerId).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("reason", "signed")).exchange().expectStatus().isAccepted();
        long before = settledEvents();

        http.post().uri("/api/partners/{id}/activate", partnerId).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("reason", "signed again"))
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("partner_already_active");

        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void unknownPartnerDetailIsNotFound() {
        http.get().uri("/api/partners/{id}", "no-such-partner")
                .exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("partner_not_found");
    }

    @Test
    void apiDocumentHealthAndSwaggerUiAreServed() {
        anonymous.get().uri("/v3/api-docs").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.paths['/api/partners'].post").exists()
                .jsonPath("$.paths['/api/partners/stream'].get").exists();
        anonymous.get().uri("/actuator/health").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
        anonymous.get().uri("/swagger-ui.html").exchange().expectStatus().is3xxRedirection();
    }

    private String register(Map<String, Object> request) {
        return http.post().uri("/api/partners").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(request)
                .exchange()
                .expectStatus().isCreated()
                .expectHeader().valueMatches("Location", "/api/partners/[0-9a-f-]{36}")
                .expectBody(Map.class).returnResult().getResponseBody().get("partnerId").toString();
    }
}
