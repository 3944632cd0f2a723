package io.channelbook.ui.security;

import io.channelbook.ui.StandaloneIntegrationTest;
import io.channelbook.ui.ledger.LedgerTestSupport;
import io.channelbook.ui.partner.PartnerRequests;
import io.channelbook.ui.security.invitation.Invitation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The isolation matrix: everything a partner user can reach, tried as partner A against partner B's data, and every
 * vendor endpoint tried as a partner user and anonymously. Another partner's resource answers 404, never 403, so ids
 * cannot be probed.
 * <p>
 * Every new endpoint must be added here: a partner-facing one to the A-against-B tests, a vendor one to
 * {@link #vendorEndpoints()}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PartnerIsolationIT extends StandaloneIntegrationTest {

    @Autowired
    ReactiveMongoTemplate mongo;

    SecurityFixtures fixtures;
    String partnerA;
    String partnerB;
    SecurityFixtures.User adminOfA;
    SecurityFixtures.User userOfA;
    SecurityFixtures.User adminOfB;
    SecurityFixtures.User userOfB;

    @BeforeAll
    void twoPartnersWithTheirUsers() {
        fixtures = new SecurityFixtures(as(ADMIN_EMAIL, ADMIN_PASSWORD), anonymous, port);
        partnerA = fixtures.registerPartner("Isolation A Ltd");
        partnerB = fixtures.registerPartner("Isolation B Ltd");
        adminOfA = fixtures.user(Role.PARTNER_ADMIN, partnerA);
        userOfA = fixtures.user(Role.PARTNER_USER, partnerA);
        adminOfB = fixtures.user(Role.PARTNER_ADMIN, partnerB);
        userOfB = fixtures.user(Role.PARTNER_USER, partnerB);
    }

    @Test
    void whoAmIShowsTheOwnPartnerOnly() {
        userOfA.client().get().uri("/api/me").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.email").isEqualTo(userOfA.email())
                .jsonPath("$.roles").isEqualTo(List.of("PARTNER_USER"))
                .jsonPath("$.partnerId").isEqualTo(partnerA);
    }

    @Test
    void myPartnerIsAlwaysTheOwnWhateverTheRequestSays() {
        for (SecurityFixtures.User user : List.of(userOfA, adminOfA)) {
            user.client().get().uri(uri -> uri.path("/api/me/partner").queryParam("partnerId", partnerB).build())
                    .header("X-Partner-Id", partnerB)
                    .exchange()
                    .expectStatus().isOk()
                    .expectBody()
                    .jsonPath("$.partnerId").isEqualTo(partnerA)
                    .jsonPath("$.legalName").isEqualTo("Isolation A Ltd");
        }
        userOfB.client().get().uri("/api/me/partner").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.partnerId").isEqualTo(partnerB);
    }

    @Test
    void vendorStaffHaveNoPartnerOfTheirOwn() {
        for (String uri : List.of("/api/me/partner", "/api/me/ledger/balance", "/api/me/ledger/entries",
                "/api/me/ledger/entries/any", "/api/me/ledger/statement", "/api/me/earnings", "/api/me/earnings/stream")) {
            http.get().uri(uri).exchange()
                    .expectStatus().isNotFound()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.code").isEqualTo("partner_not_found");
        }
    }

    /**
     * The partner's own ledger and earnings: whatever partner id a request carries (query string, header), partner
     * users see their own partner's. That no entry of another partner is reachable by its id is shown where entries
     * exist, in {@code LedgerLifecycleIT}. Needs the ledger read models (query side).
     */
    @Test
    void myLedgerIsAlwaysTheOwnWhateverTheRequestSays() {
        for (SecurityFixtures.User user : List.of(userOfA, adminOfA)) {
            for (String path : List.of("/api/me/ledger/balance", "/api/me/ledger/statement", "/api/me/earnings")) {
                user.client().get().uri(uri -> uri.path(path).queryParam("partnerId", partnerB).build())
                        .header("X-Partner-Id", partnerB)
                        .exchange()
                        .expectStatus().isOk()
                        .expectBody().jsonPath("$.partnerId").isEqualTo(partnerA);
            }
            user.client().get().uri(uri -> uri.path("/api/me/ledger/entries").queryParam("partnerId", partnerB).build())
                    .exchange()
                    .expectStatus().isOk()
                    .expectBody().jsonPath("$.entries[?(@.partnerId != '" + partnerA + "')]").isEmpty();
        }
        userOfB.client().get().uri("/api/me/ledger/balance").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.partnerId").isEqualTo(partnerB);
    }

    @Test
    void partnerAdminCannotInviteIntoAnotherPartnerAndLearnsNothingOfIt() {
        String email = SecurityFixtures.uniqueEmail("smuggled");

        for (Role role : List.of(Role.PARTNER_USER, Role.PARTNER_ADMIN)) {
            adminOfA.client().post().uri("/api/invitations").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(SecurityFixtures.invitation(email, role, partnerB))
                    .exchange()
                    .expectStatus().isNotFound()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.code").isEqualTo("partner_not_found");
        }
        // the same answer as for a partner that does not exist at all: B's id reveals nothing
        adminOfA.client().post().uri("/api/invitations").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(SecurityFixtures.invitation(email, Role.PARTNER_USER, "no-such-partner"))
                .exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.code").isEqualTo("partner_not_found");

        assertThat(mongo.count(Query.query(Criteria.where("email").is(email)), Invitation.class).block())
                .as("invitations stored for %s", email).isZero();
        assertThat(mongo.exists(Query.query(Criteria.where("_id").is(email)), "users").block())
                .as("an account for %s", email).isFalse();
        // nothing stands in the way of B's own admin inviting that person
        fixtures.invite(adminOfB.client(), email, Role.PARTNER_USER, null);
    }

    @Test
    void partnerAdminInvitesIntoTheOwnPartnerOnlyWhateverTheBodyOmits() {
        String email = SecurityFixtures.uniqueEmail("colleague");
        String token = fixtures.invite(adminOfA.client(), email, Role.PARTNER_USER, null);
        String password = SecurityFixtures.uniquePassword();
        fixtures.accept(token, password);

        fixtures.basic(email, password).get().uri("/api/me").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.partnerId").isEqualTo(partnerA);
    }

    @Test
    void partnerUserCannotRevokeAnotherPartnersToken() {
        SecurityFixtures.IssuedToken tokenOfB = fixtures.apiToken(userOfB.client(), "b's integration");

        for (SecurityFixtures.User user : List.of(userOfA, adminOfA)) {
            user.client().delete().uri("/api/me/tokens/{id}", tokenOfB.tokenId()).exchange()
                    .expectStatus().isNotFound()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.code").isEqualTo("token_not_found");
        }

        fixtures.bearer(tokenOfB.secret()).get().uri("/api/me").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.email").isEqualTo(userOfB.email());
    }

    @Test
    void tokenListsShowOnlyTheOwnTokens() {
        SecurityFixtures.IssuedToken tokenOfB = fixtures.apiToken(userOfB.client(), "b's token");
        SecurityFixtures.IssuedToken tokenOfA = fixtures.apiToken(userOfA.client(), "a's token");

        List<String> listedForA = tokenIds(userOfA.client());
        assertThat(listedForA).contains(tokenOfA.tokenId()).doesNotContain(tokenOfB.tokenId());
        // listed through A's own token, too
        assertThat(tokenIds(fixtures.bearer(tokenOfA.secret()))).contains(tokenOfA.tokenId()).doesNotContain(tokenOfB.tokenId());
        assertThat(tokenIds(adminOfA.client())).doesNotContain(tokenOfA.tokenId(), tokenOfB.tokenId());
    }

    @Test
    void aTokenCreatedByPartnerAStaysInPartnerA() {
        SecurityFixtures.IssuedToken token = fixtures.apiToken(userOfA.client(), "a's script");

        WebTestClient script = fixtures.bearer(token.secret());
        script.get().uri("/api/me").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.partnerId").isEqualTo(partnerA);
        script.get().uri("/api/me/partner").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.partnerId").isEqualTo(partnerA);
        script.get().uri("/api/partners/{id}", partnerB).exchange()
                .expectStatus().isForbidden();
    }

    /**
     * Vendor endpoints, with partner B's id wherever an id goes and a valid body wherever one goes, so that only the
     * security rules can stop them. Add every new vendor endpoint here.
     */
    Stream<Arguments> vendorEndpoints() {
        Map<String, Object> reason = Map.of("reason", "probing");
        return Stream.of(
                endpoint(HttpMethod.GET, "/api/partners", null),
                endpoint(HttpMethod.GET, "/api/partners/" + partnerB, null),
                endpoint(HttpMethod.GET, "/api/partners/stream", null),
                endpoint(HttpMethod.POST, "/api/partners", PartnerRequests.valid("Probe Ltd", "probe.example")),
                endpoint(HttpMethod.POST, "/api/partners/" + partnerB + "/activate", reason),
                endpoint(HttpMethod.POST, "/api/partners/" + partnerB + "/suspend", reason),
                endpoint(HttpMethod.GET, "/api/audit?aggregateId=" + partnerB, null),
                endpoint(HttpMethod.GET, "/api/deals/" + SOME_DEAL + "/conflict", null),
                endpoint(HttpMethod.PUT, "/api/deals/protection-windows",
                        Map.of("kind", "PARTNER", "key", partnerA, "days", 3000, "reason", "probing")),
                endpoint(HttpMethod.POST, "/api/deals/" + SOME_DEAL + "/approve", Map.of("protectionDays", 30)),
                endpoint(HttpMethod.POST, "/api/deals/" + SOME_DEAL + "/reject", Map.of("reasonCode", "PROBE", "reason", "probing")),
                endpoint(HttpMethod.POST, "/api/deals/" + SOME_DEAL + "/extend", Map.of("granted", true, "reason", "probing")),
                endpoint(HttpMethod.POST, "/api/deals/" + SOME_DEAL + "/close-won", Map.of("amount", Map.of("amount", "1.00", "currency", "EUR"),
                        "closeDate", "2026-01-01")),
                endpoint(HttpMethod.POST, "/api/deals/" + SOME_DEAL + "/close-lost", reason),
                endpoint(HttpMethod.POST, "/api/deals/" + SOME_DEAL + "/resolve-conflict", Map.of("resolution", "CO_SELL", "reason", "probing")),
                endpoint(HttpMethod.POST, "/api/deals/" + SOME_DEAL + "/touches", Map.of("partnerId", partnerA, "type", "INFLUENCED", "evidence", "probing")),
                endpoint(HttpMethod.POST, "/api/deals/" + SOME_DEAL + "/touches/any/accept", null),
                endpoint(HttpMethod.POST, "/api/deals/bulk/approve", Map.of("registrationIds", List.of(SOME_DEAL))),
                endpoint(HttpMethod.POST, "/api/deals/bulk/reject", Map.of("registrationIds", List.of(SOME_DEAL),
                        "rejection", Map.of("reasonCode", "PROBE", "reason", "probing"))),
                endpoint(HttpMethod.POST, "/api/deals/" + SOME_DEAL + "/billing-periods", Map.of("product", "PLATFORM-PRO",
                        "periodNumber", 1, "billed", LedgerTestSupport.money("10.00", "EUR"), "billedOn", "2026-11-01")),
                endpoint(HttpMethod.POST, "/api/partners/" + partnerB + "/tier", Map.of("tier", "GOLD", "reason", "probing")),
                endpoint(HttpMethod.GET, "/api/commission-plans", null),
                endpoint(HttpMethod.GET, "/api/commission-plans/" + SOME_DEAL, null),
                endpoint(HttpMethod.POST, "/api/commission-plans", LedgerTestSupport.plan("Probe", LedgerTestSupport.percentTerms("0.10", 0))),
                endpoint(HttpMethod.PUT, "/api/commission-plans/" + SOME_DEAL + "/draft", Map.of("terms", LedgerTestSupport.percentTerms("0.10", 0))),
                endpoint(HttpMethod.POST, "/api/commission-plans/" + SOME_DEAL + "/versions", LedgerTestSupport.publish(java.time.LocalDate.now())),
                endpoint(HttpMethod.PUT, "/api/commission-plans/assignments", LedgerTestSupport.assignToPartner(SOME_DEAL, partnerA)),
                endpoint(HttpMethod.GET, "/api/ledger/partners/" + partnerB + "/balance", null),
                endpoint(HttpMethod.GET, "/api/ledger/partners/" + partnerB + "/entries", null),
                endpoint(HttpMethod.GET, "/api/ledger/partners/" + partnerB + "/entries/any", null),
                endpoint(HttpMethod.GET, "/api/ledger/partners/" + partnerB + "/statement", null),
                endpoint(HttpMethod.GET, "/api/ledger/history?partnerId=" + partnerB, null),
                endpoint(HttpMethod.GET, "/api/ledger/journal?partnerId=" + partnerB, null),
                endpoint(HttpMethod.POST, "/api/ledger/partners/" + partnerA + "/adjustments", LedgerTestSupport.adjustment("probe-1", "1000.00", "probing")),
                endpoint(HttpMethod.POST, "/api/ledger/partners/" + partnerA + "/payouts", LedgerTestSupport.payout("probe-1", "1000.00")),
                endpoint(HttpMethod.POST, "/api/ledger/audit-runs", null),
                endpoint(HttpMethod.POST, "/api/reports/attribution-runs", Map.of("model", "EVEN")),
                endpoint(HttpMethod.GET, "/api/reports/attribution-runs", null),
                endpoint(HttpMethod.GET, "/api/reports/attribution-runs/" + SOME_DEAL, null),
                endpoint(HttpMethod.GET, "/api/reports/attribution-runs/" + SOME_DEAL + "/progress", null),
                endpoint(HttpMethod.POST, "/api/reports/attribution-runs/" + SOME_DEAL + "/cancel", null),
                endpoint(HttpMethod.GET, "/api/reports/attribution-runs/" + SOME_DEAL + "/compare/" + SOME_DEAL, null),
                endpoint(HttpMethod.GET, "/api/reports/pipeline", null),
                endpoint(HttpMethod.GET, "/api/reports/revenue-over-time", null),
                endpoint(HttpMethod.GET, "/api/reports/commission-roi", null),
                endpoint(HttpMethod.GET, "/api/reports/tier-progress", null),
                endpoint(HttpMethod.POST, "/api/admin/rebuilds", Map.of("processingGroup", "deal-list")),
                endpoint(HttpMethod.GET, "/api/admin/rebuilds", null),
                endpoint(HttpMethod.GET, "/api/admin/rebuilds/deal-list", null),
                endpoint(HttpMethod.GET, "/api/admin/rebuilds/deal-list/progress", null));
    }

    /** Any deal id: the security rules must refuse before the id is even looked at. */
    private static final String SOME_DEAL = "00000000-0000-0000-0000-000000000000";

    private static Arguments endpoint(HttpMethod method, String uri, Object body) {
        return Arguments.of(method, uri, body);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("vendorEndpoints")
    void vendorEndpointIsForbiddenToPartnerUsers(HttpMethod method, String uri, Object body) {
        long eventsBefore = settledEvents();

        for (SecurityFixtures.User user : List.of(userOfA, adminOfA)) {
            request(user.client(), method, uri, body)
                    .expectStatus().isForbidden()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.code").isEqualTo("forbidden");
        }

        assertThat(storedEvents()).as("events stored by refused requests").isEqualTo(eventsBefore);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("vendorEndpoints")
    void vendorEndpointNeedsALogin(HttpMethod method, String uri, Object body) {
        long eventsBefore = settledEvents();

        request(anonymous, method, uri, body)
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("unauthenticated");

        assertThat(storedEvents()).as("events stored by refused requests").isEqualTo(eventsBefore);
    }

    @Test
    void partnerEndpointsNeedALogin() {
        for (String uri : List.of("/api/me", "/api/me/partner", "/api/me/tokens", "/api/me/ledger/balance", "/api/me/ledger/entries",
                "/api/me/ledger/entries/any", "/api/me/ledger/statement", "/api/me/earnings", "/api/me/earnings/stream")) {
            anonymous.get().uri(uri).exchange()
                    .expectStatus().isUnauthorized()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
        anonymous.post().uri("/api/invitations").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(SecurityFixtures.invitation(SecurityFixtures.uniqueEmail("anon"), Role.PARTNER_USER, partnerA))
                .exchange().expectStatus().isUnauthorized();
        anonymous.post().uri("/api/me/tokens").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "anon", "expiresInDays", 1))
                .exchange().expectStatus().isUnauthorized();
        anonymous.delete().uri("/api/me/tokens/{id}", "any").exchange().expectStatus().isUnauthorized();
    }

    private static WebTestClient.ResponseSpec request(WebTestClient client, HttpMethod method, String uri, Object body) {
        WebTestClient.RequestBodySpec spec = client.method(method).uri(uri);
        return body == null ? spec.exchange() : spec.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private static List<String> tokenIds(WebTestClient client) {
        return client.get().uri("/api/me/tokens").exchange()
                .expectStatus().isOk()
                .expectBodyList(Map.class).returnResult().getResponseBody().stream()
                .map(token -> token.get("tokenId").toString())
                .toList();
    }
}
