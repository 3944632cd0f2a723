package io.channelbook.ui.ledger;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/** Request bodies of the commission and ledger API, as a client sends them, and the deal steps before a close. */
public final class LedgerTestSupport {

    private LedgerTestSupport() {
    }

    public static Map<String, Object> money(String amount, String currency) {
        return Map.of("amount", amount, "currency", currency);
    }

    /** A 10%-of-deal plan with this hold, counted monthly. */
    public static Map<String, Object> percentTerms(String rate, int holdDays) {
        Map<String, Object> rule = new HashMap<>();
        rule.put("ruleId", "ten-percent");
        rule.put("kind", "PERCENT_OF_DEAL");
        rule.put("description", "Share of the deal amount");
        rule.put("rate", rate);
        Map<String, Object> terms = new HashMap<>();
        terms.put("rules", List.of(rule));
        terms.put("holdDays", holdDays);
        terms.put("period", "MONTH");
        return terms;
    }

    public static Map<String, Object> plan(String name, Map<String, Object> terms) {
        return Map.of("name", name, "draft", terms);
    }

    public static Map<String, Object> publish(LocalDate effectiveFrom) {
        return Map.of("effectiveFrom", effectiveFrom.toString());
    }

    public static Map<String, Object> assignToProgram(String planId) {
        Map<String, Object> scope = new HashMap<>();
        scope.put("kind", "PROGRAM");
        return Map.of("scope", scope, "planId", planId);
    }

    public static Map<String, Object> assignToPartner(String planId, String partnerId) {
        return Map.of("scope", Map.of("kind", "PARTNER", "key", partnerId), "planId", planId);
    }

    public static Map<String, Object> adjustment(String adjustmentId, String amount, String reason) {
        Map<String, Object> body = new HashMap<>();
        body.put("adjustmentId", adjustmentId);
        body.put("amount", money(amount, "EUR"));
        body.put("reason", reason);
        return body;
    }

    public static Map<String, Object> payout(String payoutId, String amount) {
        return Map.of("payoutId", payoutId, "amount", money(amount, "EUR"), "reference", "SEPA-" + payoutId,
                "paidOn", LocalDate.now().toString());
    }

    public static Map<String, Object> closeWon(String amount) {
        return Map.of("amount", money(amount, "EUR"),
                "closeDate", LocalDate.now().toString(),
                "lineItems", List.of(Map.of("product", "PLATFORM-PRO", "amount", money(amount, "EUR"), "recurring", false)));
    }

    public static Map<String, Object> dealSubmission(String customerName, String website) {
        Map<String, Object> body = new HashMap<>();
        body.put("customerName", customerName);
        body.put("customerWebsite", website);
        body.put("customerCountry", "DE");
        body.put("customerContact", Map.of("name", "Eva Buyer", "email", "eva@customer.example"));
        body.put("products", List.of("PLATFORM-PRO"));
        body.put("estimatedValue", money("10000.00", "EUR"));
        body.put("expectedCloseDate", LocalDate.now().plusMonths(1).toString());
        return body;
    }

    /** A deal the seller registers (a fresh customer) and the manager approves; answers its registration id. */
    public static String approvedDeal(WebTestClient seller, WebTestClient manager, String customerName) {
        Map<String, Object> submission = dealSubmission(customerName,
                "customer-" + UUID.randomUUID().toString().substring(0, 12) + ".com");
        String deal = seller.post().uri("/api/deals").contentType(MediaType.APPLICATION_JSON).bodyValue(submission)
                .exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("registrationId").toString();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> manager.post().uri("/api/deals/{id}/approve", deal)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of()).exchange().expectStatus().isAccepted());
        return deal;
    }
}
