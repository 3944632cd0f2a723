package io.channelbook.ui.deal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.channelbook.ui.StandaloneIntegrationTest;
import io.channelbook.ui.security.Role;
import io.channelbook.ui.security.SecurityFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The CRM closes deals through a signed, idempotent webhook; anything unsigned, stale or replayed differently is refused. */
class CrmWebhookIT extends StandaloneIntegrationTest {

    private final ObjectMapper json = new ObjectMapper();
    private WebTestClient seller;
    private WebTestClient manager;

    @BeforeEach
    void users() {
        SecurityFixtures fixtures = new SecurityFixtures(http, anonymous, port);
        String partner = fixtures.registerPartner("CRM Partner");
        seller = fixtures.user(Role.PARTNER_USER, partner).client();
        manager = fixtures.user(Role.CHANNEL_MANAGER, null).client();
    }

    @Test
    void signedClosedWonClosesTheLinkedDealAndARepeatGetsTheFirstAnswer() throws Exception {
        String opportunity = "OPP-" + UUID.randomUUID();
        String id = approvedDealLinkedTo(opportunity);
        String body = closedWon("delivery-" + UUID.randomUUID(), opportunity, "60000.00");

        String first = deliver(body, Instant.now()).expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> seller.get().uri("/api/deals/{id}", id).exchange()
                .expectBody().jsonPath("$.status").isEqualTo("CLOSED_WON").jsonPath("$.closedAmount.amountMinor").isEqualTo(6_000_000));
        long events = settledEvents();

        String repeat = deliver(body, Instant.now()).expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(repeat).isEqualTo(first);
        assertThat(storedEvents()).as("a repeated delivery changes nothing").isEqualTo(events);
    }

    @Test
    void sameDeliveryIdWithAnotherBodyIsRefused() throws Exception {
        String opportunity = "OPP-" + UUID.randomUUID();
        approvedDealLinkedTo(opportunity);
        String delivery = "delivery-" + UUID.randomUUID();
        deliver(closedWon(delivery, opportunity, "100.00"), Instant.now()).expectStatus().isOk();
        long events = settledEvents();

        deliver(closedWon(delivery, opportunity, "999.00"), Instant.now())
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.code").isEqualTo("delivery_id_reused");
        assertThat(storedEvents()).isEqualTo(events);
    }

    @Test
    void badOrMissingSignatureIs401AndWritesNothing() throws Exception {
        String opportunity = "OPP-" + UUID.randomUUID();
        approvedDealLinkedTo(opportunity);
        long events = settledEvents();
        String body = closedWon("delivery-" + UUID.randomUUID(), opportunity, "100.00");
        String timestamp = Long.toString(Instant.now().getEpochSecond());

        anonymous.post().uri("/api/integrations/crm/events").contentType(MediaType.APPLICATION_JSON)
                .header("X-Channelbook-Timestamp", timestamp)
                .header("X-Channelbook-Signature", "sha256=" + sign("wrong-secret", timestamp, body))
                .bodyValue(body).exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.code").isEqualTo("invalid_signature");
        anonymous.post().uri("/api/integrations/crm/events").contentType(MediaType.APPLICATION_JSON)
                .header("X-Channelbook-Timestamp", timestamp)
                .bodyValue(body).exchange()
                .expectStatus().isUnauthorized();
        // a signature over another body does not carry over
        anonymous.post().uri("/api/integrations/crm/events").contentType(MediaType.APPLICATION_JSON)
                .header("X-Channelbook-Timestamp", timestamp)
                .header("X-Channelbook-Signature", sign(CRM_SECRET, timestamp, body))
                .bodyValue(body.replace("100.00", "900.00")).exchange()
                .expectStatus().isUnauthorized();
        assertThat(storedEvents()).isEqualTo(events);
    }

    @Test
    void staleTimestampIs401() throws Exception {
        String opportunity = "OPP-" + UUID.randomUUID();
        approvedDealLinkedTo(opportunity);
        long events = settledEvents();

        deliver(closedWon("delivery-" + UUID.randomUUID(), opportunity, "100.00"), Instant.now().minus(Duration.ofMinutes(10)))
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.code").isEqualTo("stale_signature");
        assertThat(storedEvents()).isEqualTo(events);
    }

    @Test
    void unknownOpportunityIs404AndCanBeRetriedOnceLinked() throws Exception {
        String delivery = "delivery-" + UUID.randomUUID();
        deliver(closedWon(delivery, "OPP-unknown-" + UUID.randomUUID(), "100.00"), Instant.now())
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.code").isEqualTo("opportunity_not_linked");
    }

    @Test
    void refundIsRecordedOnAWonDeal() throws Exception {
        String opportunity = "OPP-" + UUID.randomUUID();
        String id = approvedDealLinkedTo(opportunity);
        deliver(closedWon("delivery-" + UUID.randomUUID(), opportunity, "1000.00"), Instant.now()).expectStatus().isOk();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> seller.get().uri("/api/deals/{id}", id).exchange()
                .expectBody().jsonPath("$.status").isEqualTo("CLOSED_WON"));

        Map<String, Object> refund = new LinkedHashMap<>();
        refund.put("deliveryId", "delivery-" + UUID.randomUUID());
        refund.put("opportunityId", opportunity);
        refund.put("type", "REFUND");
        refund.put("amount", Map.of("amount", "250.00", "currency", "EUR"));
        refund.put("reference", "RF-1");
        deliver(json.writeValueAsString(refund), Instant.now()).expectStatus().isOk();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> seller.get().uri("/api/deals/{id}", id).exchange()
                .expectBody().jsonPath("$.refundedTotal.amountMinor").isEqualTo(25_000));
    }

    private String approvedDealLinkedTo(String opportunity) {
        Map<String, Object> submission = DealRequestsForTests.submission("CRM Customer", DealRegistrationIT.uniqueDomain());
        submission.put("crmOpportunityId", opportunity);
        String id = seller.post().uri("/api/deals").contentType(MediaType.APPLICATION_JSON).bodyValue(submission)
                .exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("registrationId").toString();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> seller.get().uri("/api/deals/{id}", id).exchange().expectStatus().isOk());
        manager.post().uri("/api/deals/{id}/approve", id).contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of())
                .exchange().expectStatus().isAccepted();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> seller.get().uri("/api/deals/{id}", id).exchange()
                .expectBody().jsonPath("$.status").isEqualTo("APPROVED"));
        return id;
    }

    private String closedWon(String delivery, String opportunity, String amount) throws Exception {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("deliveryId", delivery);
        event.put("opportunityId", opportunity);
        event.put("type", "CLOSED_WON");
        event.put("amount", Map.of("amount", amount, "currency", "EUR"));
        event.put("closeDate", LocalDate.now().toString());
        return json.writeValueAsString(event);
    }

    private WebTestClient.ResponseSpec deliver(String body, Instant at) throws Exception {
        String timestamp = Long.toString(at.getEpochSecond());
        return anonymous.post().uri("/api/integrations/crm/events").contentType(MediaType.APPLICATION_JSON)
                .header("X-Channelbook-Timestamp", timestamp)
                .header("X-Channelbook-Signature", "sha256=" + sign(CRM_SECRET, timestamp, body))
                .bodyValue(body).exchange();
    }

    private static String sign(String secret, String timestamp, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
    }
}
