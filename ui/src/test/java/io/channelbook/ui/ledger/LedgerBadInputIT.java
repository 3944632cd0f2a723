package io.channelbook.ui.ledger;

import io.channelbook.ui.StandaloneIntegrationTest;
import io.channelbook.ui.security.Role;
import io.channelbook.ui.security.SecurityFixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.channelbook.ui.ledger.LedgerTestSupport.adjustment;
import static io.channelbook.ui.ledger.LedgerTestSupport.money;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Everything the web edge refuses on its own, before a command or query is sent: bad bodies and parameters of the
 * ledger, plan, tier and billing-period endpoints answer 4xx problem+json with a stable code and write nothing; the
 * ledger and plan endpoints are closed to the roles they are not for.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LedgerBadInputIT extends StandaloneIntegrationTest {

    private static final String SOME_DEAL = "00000000-0000-0000-0000-000000000000";

    private String partner;
    private WebTestClient finance;
    private WebTestClient manager;
    private WebTestClient analyst;
    private WebTestClient partnerUser;

    @BeforeAll
    void users() {
        SecurityFixtures fixtures = new SecurityFixtures(as(ADMIN_EMAIL, ADMIN_PASSWORD), anonymous, port);
        partner = fixtures.registerPartner("Ledger Edge Partner");
        finance = fixtures.user(Role.FINANCE, null).client();
        manager = fixtures.user(Role.CHANNEL_MANAGER, null).client();
        analyst = fixtures.user(Role.ANALYST, null).client();
        partnerUser = fixtures.user(Role.PARTNER_ADMIN, partner).client();
    }

    @Test
    void adjustmentsNeedAKeyAReasonAndANonZeroAmount() {
        long before = storedEvents();

        Map<String, Object> noReason = adjustment("adj-" + UUID.randomUUID(), "10.00", null);
        expectProblem(post(finance, adjustments(partner), noReason), 400, "validation_failed").jsonPath("$.errors[0].field").isEqualTo("reason");
        expectProblem(post(finance, adjustments(partner), adjustment("adj-" + UUID.randomUUID(), "10.00", "   ")), 400, "validation_failed");
        expectProblem(post(finance, adjustments(partner), adjustment("adj-" + UUID.randomUUID(), "0.00", "nothing")), 400, "amount_zero");
        expectProblem(post(finance, adjustments(partner), adjustment("adj-" + UUID.randomUUID(), "-0", "nothing")), 400, "amount_zero");
        expectProblem(post(finance, adjustments(partner), adjustment(null, "10.00", "no key")), 400, "validation_failed");
        expectProblem(post(finance, adjustments(partner), adjustment("has spaces", "10.00", "bad key")), 400, "validation_failed");
        expectProblem(post(finance, adjustments(partner), adjustment("adj-" + UUID.randomUUID(), "10.005", "three decimals")), 400, "invalid_amount");
        Map<String, Object> badCurrency = adjustment("adj-" + UUID.randomUUID(), "10.00", "unknown currency");
        badCurrency.put("amount", money("10.00", "XYZ"));
        expectProblem(post(finance, adjustments(partner), badCurrency), 400, "invalid_amount");
        Map<String, Object> textAmount = adjustment("adj-" + UUID.randomUUID(), "ten", "not a number");
        expectProblem(post(finance, adjustments(partner), textAmount), 400, "malformed_request");
        expectProblem(finance.post().uri(adjustments(partner)).contentType(MediaType.APPLICATION_JSON).bodyValue("{\"adjustmentId\":")
                .exchange(), 400, "malformed_request");
        expectProblem(post(finance, adjustments("no-such-partner"), adjustment("adj-" + UUID.randomUUID(), "10.00", "who?")),
                404, "partner_not_found");

        assertThat(storedEvents()).as("events stored by refused adjustments").isEqualTo(before);
    }

    @Test
    void payoutsNeedAPositiveAmountAReferenceAndADate() {
        long before = storedEvents();
        String uri = "/api/ledger/partners/" + partner + "/payouts";

        expectProblem(post(finance, uri, Map.of("payoutId", "p-1", "amount", money("-5.00", "EUR"), "reference", "x",
                "paidOn", "2026-11-30")), 400, "amount_not_positive");
        expectProblem(post(finance, uri, Map.of("payoutId", "p-1", "amount", money("5.00", "EUR"), "paidOn", "2026-11-30")),
                400, "validation_failed");
        expectProblem(post(finance, uri, Map.of("payoutId", "p-1", "amount", money("5.00", "EUR"), "reference", "x",
                "paidOn", "30.11.2026")), 400, "malformed_request");
        expectProblem(post(finance, "/api/ledger/partners/no-such-partner/payouts", Map.of("payoutId", "p-1",
                "amount", money("5.00", "EUR"), "reference", "x", "paidOn", "2026-11-30")), 404, "partner_not_found");

        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void instantsAndRangesMustBeReadable() {
        expectProblem(finance.get().uri("/api/ledger/partners/{p}/balance?asOf=yesterday", partner).exchange(), 400, "invalid_instant")
                .jsonPath("$.detail").value(detail -> assertThat(detail.toString()).startsWith("asOf must be"));
        expectProblem(partnerUser.get().uri("/api/me/ledger/balance?asOf=2026-13-45").exchange(), 400, "invalid_instant");
        expectProblem(finance.get().uri("/api/ledger/partners/{p}/entries?from=2026-12-01&to=2026-11-01", partner).exchange(), 400, "invalid_range");
        expectProblem(finance.get().uri("/api/ledger/partners/{p}/entries?kind=BONUS", partner).exchange(), 400, "malformed_request");
        expectProblem(finance.get().uri("/api/ledger/partners/{p}/entries?size=100000", partner).exchange(), 400, "validation_failed");
        expectProblem(finance.get().uri("/api/ledger/partners/{p}/statement?from=last+month", partner).exchange(), 400, "invalid_instant");
        expectProblem(partnerUser.get().uri("/api/me/ledger/statement?to=2026-11-01T00:00:00Z&from=2026-12-01").exchange(), 400, "invalid_range");
        expectProblem(finance.get().uri("/api/ledger/history?type=STOLEN").exchange(), 400, "malformed_request");
        expectProblem(finance.get().uri("/api/ledger/history?from=noon").exchange(), 400, "invalid_instant");
        expectProblem(finance.get().uri("/api/ledger/journal?to=soon").exchange(), 400, "invalid_instant");
    }

    @Test
    void theLedgerIsForFinanceAndProgramAdminsOnly() {
        long before = storedEvents();
        List<WebTestClient> outsiders = List.of(partnerUser, manager, analyst);
        for (WebTestClient outsider : outsiders) {
            for (String uri : List.of("/api/ledger/partners/" + partner + "/balance", "/api/ledger/partners/" + partner + "/entries",
                    "/api/ledger/partners/" + partner + "/entries/any", "/api/ledger/partners/" + partner + "/statement",
                    "/api/ledger/history", "/api/ledger/journal")) {
                expectProblem(outsider.get().uri(uri).exchange(), 403, "forbidden");
            }
            expectProblem(post(outsider, adjustments(partner), adjustment("adj-" + UUID.randomUUID(), "10.00", "sneaky")), 403, "forbidden");
            expectProblem(post(outsider, "/api/ledger/audit-runs", null), 403, "forbidden");
        }
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void vendorStaffHaveNoLedgerOfTheirOwn() {
        for (WebTestClient vendor : List.of(finance, http)) {
            for (String uri : List.of("/api/me/ledger/balance", "/api/me/ledger/entries", "/api/me/ledger/entries/any",
                    "/api/me/ledger/statement", "/api/me/earnings", "/api/me/earnings/stream")) {
                expectProblem(vendor.get().uri(uri).exchange(), 404, "partner_not_found");
            }
        }
        for (String uri : List.of("/api/me/ledger/balance", "/api/me/earnings", "/api/me/earnings/stream")) {
            anonymous.get().uri(uri).exchange().expectStatus().isUnauthorized();
        }
    }

    @Test
    void plansAreWrittenByProgramAdminsOnlyAndMalformedTermsAreRefused() {
        long before = storedEvents();
        Map<String, Object> valid = LedgerTestSupport.plan("Edge plan", LedgerTestSupport.percentTerms("0.10", 0));

        for (WebTestClient outsider : List.of(manager, finance, analyst, partnerUser)) {
            expectProblem(post(outsider, "/api/commission-plans", valid), 403, "forbidden");
            expectProblem(outsider.put().uri("/api/commission-plans/assignments").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(LedgerTestSupport.assignToProgram("any")).exchange(), 403, "forbidden");
        }
        expectProblem(partnerUser.get().uri("/api/commission-plans").exchange(), 403, "forbidden");

        Map<String, Object> negativeBounty = terms(Map.of("ruleId", "b", "kind", "FLAT_PER_DEAL", "bounty", money("-1.00", "EUR")));
        expectProblem(post(http, "/api/commission-plans", LedgerTestSupport.plan("Bad", negativeBounty)), 400, "validation_failed");
        Map<String, Object> fractionOfCent = terms(Map.of("ruleId", "b", "kind", "FLAT_PER_DEAL", "bounty", money("1.001", "EUR")));
        expectProblem(post(http, "/api/commission-plans", LedgerTestSupport.plan("Bad", fractionOfCent)), 400, "invalid_amount");
        Map<String, Object> textRate = terms(Map.of("ruleId", "p", "kind", "PERCENT_OF_DEAL", "rate", "ten percent"));
        expectProblem(post(http, "/api/commission-plans", LedgerTestSupport.plan("Bad", textRate)), 400, "malformed_request");
        Map<String, Object> unknownKind = terms(Map.of("ruleId", "p", "kind", "LOTTERY", "rate", "0.1"));
        expectProblem(post(http, "/api/commission-plans", LedgerTestSupport.plan("Bad", unknownKind)), 400, "malformed_request");
        Map<String, Object> noHold = LedgerTestSupport.percentTerms("0.10", 0);
        noHold.remove("holdDays");
        expectProblem(post(http, "/api/commission-plans", LedgerTestSupport.plan("Bad", noHold)), 400, "validation_failed");
        expectProblem(post(http, "/api/commission-plans", Map.of("draft", LedgerTestSupport.percentTerms("0.1", 0))), 400, "validation_failed");
        expectProblem(post(http, "/api/commission-plans/any/versions", Map.of("effectiveFrom", "next week")), 400, "malformed_request");
        expectProblem(http.put().uri("/api/commission-plans/assignments").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("scope", Map.of("kind", "TIER"), "planId", "any")).exchange(), 400, "scope_invalid");
        expectProblem(http.put().uri("/api/commission-plans/assignments").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("scope", Map.of("kind", "PROGRAM", "key", "x"), "planId", "any")).exchange(), 400, "scope_invalid");

        assertThat(storedEvents()).as("events stored by refused plan requests").isEqualTo(before);
    }

    @Test
    void tierChangesAndBillingPeriodsCheckTheirInput() {
        long before = storedEvents();

        expectProblem(post(manager, "/api/partners/" + partner + "/tier", Map.of("tier", "GOLD")), 400, "validation_failed");
        expectProblem(post(manager, "/api/partners/" + partner + "/tier", Map.of("tier", "<script>", "reason", "x")), 400, "validation_failed");
        expectProblem(post(partnerUser, "/api/partners/" + partner + "/tier", Map.of("tier", "GOLD", "reason", "promote myself")), 403, "forbidden");
        expectProblem(post(finance, "/api/partners/" + partner + "/tier", Map.of("tier", "GOLD", "reason", "x")), 403, "forbidden");

        String billing = "/api/deals/" + SOME_DEAL + "/billing-periods";
        Map<String, Object> period = new HashMap<>(Map.of("product", "PLATFORM-PRO", "periodNumber", 1,
                "billed", money("99.00", "EUR"), "billedOn", "2026-11-01"));
        period.put("periodNumber", 0);
        expectProblem(post(manager, billing, period), 400, "validation_failed");
        period.put("periodNumber", 1);
        period.put("billed", money("99.001", "EUR"));
        expectProblem(post(manager, billing, period), 400, "invalid_amount");
        period.put("billed", money("99.00", "EUR"));
        period.remove("billedOn");
        expectProblem(post(manager, billing, period), 400, "validation_failed");
        period.put("billedOn", "2026-11-01");
        expectProblem(post(partnerUser, billing, period), 403, "forbidden");

        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void theNewEndpointsAreDocumented() {
        // the document is generated on first use, which takes a while on a busy machine
        anonymous.mutate().responseTimeout(java.time.Duration.ofSeconds(60)).build()
                .get().uri("/v3/api-docs").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.paths['/api/commission-plans'].post").exists()
                .jsonPath("$.paths['/api/commission-plans'].get").exists()
                .jsonPath("$.paths['/api/commission-plans/{planId}/draft'].put").exists()
                .jsonPath("$.paths['/api/commission-plans/{planId}/versions'].post").exists()
                .jsonPath("$.paths['/api/commission-plans/assignments'].put").exists()
                .jsonPath("$.paths['/api/partners/{partnerId}/tier'].post").exists()
                .jsonPath("$.paths['/api/deals/{registrationId}/billing-periods'].post").exists()
                .jsonPath("$.paths['/api/ledger/partners/{partnerId}/balance'].get").exists()
                .jsonPath("$.paths['/api/ledger/partners/{partnerId}/entries/{entryId}'].get").exists()
                .jsonPath("$.paths['/api/ledger/partners/{partnerId}/statement'].get").exists()
                .jsonPath("$.paths['/api/ledger/partners/{partnerId}/adjustments'].post").exists()
                .jsonPath("$.paths['/api/ledger/partners/{partnerId}/payouts'].post").exists()
                .jsonPath("$.paths['/api/ledger/history'].get").exists()
                .jsonPath("$.paths['/api/ledger/journal'].get").exists()
                .jsonPath("$.paths['/api/ledger/audit-runs'].post").exists()
                .jsonPath("$.paths['/api/me/ledger/balance'].get").exists()
                .jsonPath("$.paths['/api/me/ledger/statement'].get").exists()
                .jsonPath("$.paths['/api/me/earnings'].get").exists()
                .jsonPath("$.paths['/api/me/earnings/stream'].get").exists();
    }

    private static Map<String, Object> terms(Map<String, Object> rule) {
        Map<String, Object> terms = LedgerTestSupport.percentTerms("0.10", 0);
        terms.put("rules", List.of(rule));
        return terms;
    }

    private static String adjustments(String partnerId) {
        return "/api/ledger/partners/" + partnerId + "/adjustments";
    }

    private static WebTestClient.ResponseSpec post(WebTestClient client, String uri, Object body) {
        WebTestClient.RequestBodySpec spec = client.method(HttpMethod.POST).uri(uri);
        return body == null ? spec.exchange() : spec.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private static WebTestClient.BodyContentSpec expectProblem(WebTestClient.ResponseSpec response, int status, String code) {
        return response.expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo(code);
    }
}
