package io.channelbook.ui.commission;

import io.channelbook.ui.StandaloneIntegrationTest;
import io.channelbook.ui.ledger.LedgerTestSupport;
import io.channelbook.ui.security.Role;
import io.channelbook.ui.security.SecurityFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Commission plans over HTTP, with the command side's plan aggregates and the query side's plan views: create,
 * publish, assign, read; and what the command side refuses (negative rate, overlapping version, unknown plan) answered
 * as 4xx problem+json that writes nothing.
 */
class CommissionPlanIT extends StandaloneIntegrationTest {

    private WebTestClient manager;

    @BeforeEach
    void users() {
        manager = new SecurityFixtures(http, anonymous, port).user(Role.CHANNEL_MANAGER, null).client();
    }

    @Test
    void adminCreatesPublishesAndAssignsAPlanThatVendorStaffCanRead() {
        String planId = create("Reseller standard", LedgerTestSupport.percentTerms("0.10", 30));
        LocalDate today = LocalDate.now();

        http.post().uri("/api/commission-plans/{id}/versions", planId).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(LedgerTestSupport.publish(today)).exchange()
                .expectStatus().isAccepted()
                .expectBody().jsonPath("$.planId").isEqualTo(planId).jsonPath("$.effectiveFrom").isEqualTo(today.toString());
        http.put().uri("/api/commission-plans/assignments").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("scope", Map.of("kind", "TIER", "key", "gold"), "planId", planId)).exchange()
                .expectStatus().isAccepted()
                .expectBody().jsonPath("$.scope.kind").isEqualTo("TIER").jsonPath("$.scope.key").isEqualTo("GOLD");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> manager.get().uri("/api/commission-plans/{id}", planId).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.name").isEqualTo("Reseller standard")
                .jsonPath("$.versions[0].version").isEqualTo(1)
                .jsonPath("$.versions[0].effectiveFrom").isEqualTo(today.toString())
                .jsonPath("$.versions[0].terms.rules[0].rate").isEqualTo(0.10)
                .jsonPath("$.versions[0].terms.holdDays").isEqualTo(30)
                .jsonPath("$.assignedTo[0].key").isEqualTo("GOLD"));
        manager.get().uri("/api/commission-plans").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$[?(@.planId == '" + planId + "')].name").isEqualTo(java.util.List.of("Reseller standard"));

        // a new draft does not change the published version
        http.put().uri("/api/commission-plans/{id}/draft", planId).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("terms", LedgerTestSupport.percentTerms("0.12", 30))).exchange().expectStatus().isAccepted();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> http.get().uri("/api/commission-plans/{id}", planId).exchange()
                .expectBody()
                .jsonPath("$.draft.rules[0].rate").isEqualTo(0.12)
                .jsonPath("$.versions[0].terms.rules[0].rate").isEqualTo(0.10));
    }

    @Test
    void unknownPlansAreNotFound() {
        long before = storedEvents();
        http.get().uri("/api/commission-plans/{id}", "no-such-plan").exchange()
                .expectStatus().isNotFound().expectBody().jsonPath("$.code").isEqualTo("plan_not_found");
        http.put().uri("/api/commission-plans/{id}/draft", "no-such-plan").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("terms", LedgerTestSupport.percentTerms("0.10", 0))).exchange()
                .expectStatus().isNotFound().expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        http.post().uri("/api/commission-plans/{id}/versions", "no-such-plan").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(LedgerTestSupport.publish(LocalDate.now())).exchange()
                .expectStatus().isNotFound();
        http.put().uri("/api/commission-plans/assignments").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(LedgerTestSupport.assignToProgram("no-such-plan")).exchange()
                .expectStatus().isNotFound();
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void aNegativeRateIsRefusedByTheCommandSide() {
        long before = storedEvents();
        http.post().uri("/api/commission-plans").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(LedgerTestSupport.plan("Negative", LedgerTestSupport.percentTerms("-0.10", 0))).exchange()
                .expectStatus().value(status -> assertThat(status).isIn(400, 422))
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isNotEmpty();
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void aVersionMayNotTakeEffectBeforeOrWithTheLatestOne() {
        String planId = create("Overlap", LedgerTestSupport.percentTerms("0.10", 0));
        LocalDate first = LocalDate.now().plusDays(10);
        http.post().uri("/api/commission-plans/{id}/versions", planId).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(LedgerTestSupport.publish(first)).exchange().expectStatus().isAccepted();
        http.put().uri("/api/commission-plans/{id}/draft", planId).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("terms", LedgerTestSupport.percentTerms("0.11", 0))).exchange().expectStatus().isAccepted();
        long before = storedEvents();

        for (LocalDate overlapping : new LocalDate[]{first, first.minusDays(1)}) {
            http.post().uri("/api/commission-plans/{id}/versions", planId).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(LedgerTestSupport.publish(overlapping)).exchange()
                    .expectStatus().value(status -> assertThat(status).isIn(409, 422))
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        }
        assertThat(storedEvents()).isEqualTo(before);
    }

    private String create(String name, Map<String, Object> terms) {
        return http.post().uri("/api/commission-plans").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(LedgerTestSupport.plan(name, terms)).exchange()
                .expectStatus().isCreated()
                .expectHeader().valueMatches("Location", "/api/commission-plans/[0-9a-f-]{36}")
                .expectBody(Map.class).returnResult().getResponseBody().get("planId").toString();
    }
}
