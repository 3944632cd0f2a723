package io.channelbook.ui.deal;

import io.channelbook.ui.StandaloneIntegrationTest;
import io.channelbook.ui.security.Role;
import io.channelbook.ui.security.SecurityFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Program settings of deal registration over HTTP: protection windows per tier and partner, and influence logged by
 * a partner that cannot see the deal it influenced.
 */
class ProtectionWindowAndInfluenceIT extends StandaloneIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private SecurityFixtures fixtures;
    private WebTestClient manager;

    @BeforeEach
    void staff() {
        fixtures = new SecurityFixtures(http, anonymous, port);
        manager = fixtures.user(Role.CHANNEL_MANAGER, null).client();
    }

    @Test
    void approvalWithoutDaysTakesThePartnersWindowThenItsTiersAndDaysGivenForOneApprovalWin() {
        String tier = "T" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String goldPartner = fixtures.registerPartner("Window Partner");
        http.post().uri("/api/partners/{id}/tier", goldPartner).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("tier", tier, "reason", "tier for windows")).exchange().expectStatus().isAccepted();
        setWindow("TIER", tier, 120).expectStatus().isAccepted();
        WebTestClient seller = fixtures.user(Role.PARTNER_USER, goldPartner).client();

        String byTier = approvedWithout(seller);
        assertThat(protectedDays(seller, byTier)).isEqualTo(120);

        setWindow("PARTNER", goldPartner, 45).expectStatus().isAccepted();
        String byPartner = approvedWithout(seller);
        assertThat(protectedDays(seller, byPartner)).isEqualTo(45);

        String deal = submit(seller);
        manager.post().uri("/api/deals/{id}/approve", deal).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("protectionDays", 10)).exchange().expectStatus().isAccepted();
        await().atMost(WAIT).untilAsserted(() -> assertThat(protectedDays(seller, deal)).isEqualTo(10));
    }

    @Test
    void onlyProgramAdminsSetWindowsAndBadDaysWriteNothing() {
        long before = settledEvents();
        manager.put().uri("/api/deals/protection-windows").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("kind", "PROGRAM", "days", 30, "reason", "x")).exchange().expectStatus().isForbidden();
        setWindow("PROGRAM", null, 0).expectStatus().isBadRequest();
        setWindow("TIER", null, 30).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.code").isEqualTo("scope_key_required");
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void partnerLogsInfluenceByCustomerWebsiteWithoutLearningTheDealAndAManagerAcceptsIt() {
        String registrant = fixtures.registerPartner("Influenced Registrant");
        String influencer = fixtures.registerPartner("Influencer");
        WebTestClient seller = fixtures.user(Role.PARTNER_USER, registrant).client();
        WebTestClient other = fixtures.user(Role.PARTNER_USER, influencer).client();
        String domain = DealRegistrationIT.uniqueDomain();
        String deal = seller.post().uri("/api/deals").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(DealRequestsForTests.submission("Influenced Customer", domain)).exchange()
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody()
                .get("registrationId").toString();

        Map<String, Object> logged = other.post().uri("/api/deals/influences").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("customerWebsite", "https://www." + domain + "/about", "evidence", "Ran the demo"))
                .exchange().expectStatus().isAccepted()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() { }).returnResult().getResponseBody();
        assertThat(logged).containsOnlyKeys("touchId", "customerDomain");
        String touchId = logged.get("touchId").toString();

        await().atMost(WAIT).untilAsserted(() -> manager.get().uri("/api/deals/{id}", deal).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.touches[?(@.touchId == '" + touchId + "')].partnerId").isEqualTo(List.of(influencer))
                .jsonPath("$.touches[?(@.touchId == '" + touchId + "')].accepted").isEqualTo(List.of(false)));
        manager.post().uri("/api/deals/{id}/touches/{touch}/accept", deal, touchId).exchange()
                .expectStatus().is2xxSuccessful();
        await().atMost(WAIT).untilAsserted(() -> manager.get().uri("/api/deals/{id}", deal).exchange()
                .expectBody().jsonPath("$.touches[?(@.touchId == '" + touchId + "')].accepted")
                .isEqualTo(List.of(true)));
        // the influencer still cannot read the deal
        other.get().uri("/api/deals/{id}", deal).exchange().expectStatus().isNotFound();
    }

    @Test
    void influenceOnAnUnprotectedCustomerIsNotFoundAndVendorsCannotLogAsPartners() {
        WebTestClient other = fixtures.user(Role.PARTNER_USER, fixtures.registerPartner("Lonely Influencer")).client();
        long before = settledEvents();
        other.post().uri("/api/deals/influences").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("customerWebsite", DealRegistrationIT.uniqueDomain(), "evidence", "a call"))
                .exchange().expectStatus().isNotFound()
                .expectBody().jsonPath("$.code").isEqualTo("no_protected_registration");
        other.post().uri("/api/deals/influences").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("customerWebsite", "not a domain", "evidence", "a call"))
                .exchange().expectStatus().isBadRequest();
        manager.post().uri("/api/deals/influences").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("customerWebsite", DealRegistrationIT.uniqueDomain(), "evidence", "a call"))
                .exchange().expectStatus().isForbidden();
        assertThat(storedEvents()).isEqualTo(before);
    }

    private WebTestClient.ResponseSpec setWindow(String kind, String key, int days) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("kind", kind);
        body.put("key", key);
        body.put("days", days);
        body.put("reason", "program setting");
        return http.put().uri("/api/deals/protection-windows").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange();
    }

    private String submit(WebTestClient seller) {
        return seller.post().uri("/api/deals").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(DealRequestsForTests.submission("Window Customer", DealRegistrationIT.uniqueDomain()))
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody()
                .get("registrationId").toString();
    }

    /** Submitted, then approved with no days given (the program's windows decide). */
    private String approvedWithout(WebTestClient seller) {
        String deal = submit(seller);
        await().atMost(WAIT).untilAsserted(() -> manager.post().uri("/api/deals/{id}/approve", deal)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of()).exchange().expectStatus().isAccepted());
        await().atMost(WAIT).until(() -> protectedDays(seller, deal) != null);
        return deal;
    }

    /** Whole days from now to the end of protection, rounded (the approval happened a moment ago). */
    private static Integer protectedDays(WebTestClient seller, String deal) {
        Map<?, ?> view = seller.get().uri("/api/deals/{id}", deal).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        Object until = view.get("protectedUntil");
        if (until == null) {
            return null;
        }
        return (int) Math.round(Duration.between(Instant.now(), Instant.parse(until.toString())).toMinutes() / 1440.0);
    }
}
