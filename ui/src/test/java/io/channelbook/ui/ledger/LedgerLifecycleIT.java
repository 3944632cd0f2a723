package io.channelbook.ui.ledger;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.channelbook.ui.StandaloneIntegrationTest;
import io.channelbook.ui.security.Role;
import io.channelbook.ui.security.SecurityFixtures;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The ledger end to end over HTTP, as the program runs it: a plan is published and assigned, a partner's deal is won,
 * the commission accrues with its explanation, is released, partly reversed by a refund, adjusted by finance, paid
 * out; the partner follows it live; the auditor finds no difference. Needs the command side (plans, ledger) and the
 * query side (ledger read models, auditor).
 */
class LedgerLifecycleIT extends StandaloneIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    private final ObjectMapper json = new ObjectMapper();
    @Autowired
    private ReactiveMongoTemplate mongo;
    @Autowired
    private EventProcessingConfiguration processing;
    private SecurityFixtures fixtures;
    private WebTestClient manager;
    private WebTestClient finance;

    @BeforeEach
    void staff() {
        fixtures = new SecurityFixtures(http, anonymous, port);
        manager = fixtures.user(Role.CHANNEL_MANAGER, null).client();
        finance = fixtures.user(Role.FINANCE, null).client();
    }

    @Test
    void closedWonAccruesIsReleasedRefundedAdjustedAndPaidAndTheAuditorAgrees() throws Exception {
        Instant beforeEverything = Instant.now();
        String planId = createAndPublish("Lifecycle 10%, no hold", LedgerTestSupport.percentTerms("0.10", 0));
        http.put().uri("/api/commission-plans/assignments").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(LedgerTestSupport.assignToProgram(planId)).exchange().expectStatus().isAccepted();
        String partner = fixtures.activePartner("Lifecycle Partner");
        SecurityFixtures.User seller = fixtures.user(Role.PARTNER_USER, partner);
        WebTestClient other = fixtures.user(Role.PARTNER_USER, fixtures.activePartner("Lifecycle Bystander")).client();

        List<ServerSentEvent<Map<String, Object>>> live = new CopyOnWriteArrayList<>();
        Disposable stream = earningsStream(seller, live);
        try {
            await().atMost(WAIT).until(() -> live.stream().anyMatch(event -> "earnings".equals(event.event())));

            String opportunity = "OPP-" + UUID.randomUUID();
            String deal = wonDeal(seller.client(), opportunity, "10000.00");

            // accrual: 10% of 10,000.00 EUR, explained, released at once (hold 0)
            Map<?, ?> accrual = awaitEntry(seller.client(), "ACCRUAL", "PAYABLE");
            String entryId = accrual.get("entryId").toString();
            assertThat(((Map<?, ?>) accrual.get("amount")).get("amountMinor")).isEqualTo(100_000);
            assertThat(accrual.get("registrationId")).isEqualTo(deal);
            Map<?, ?> explanation = (Map<?, ?>) accrual.get("explanation");
            assertThat(explanation.get("planId")).isEqualTo(planId);
            assertThat(explanation.get("planVersion")).isEqualTo(1);
            assertThat(explanation.get("ruleId")).isEqualTo("ten-percent");
            assertThat(((Map<?, ?>) explanation.get("base")).get("amountMinor")).isEqualTo(1_000_000);

            // drill-down: the partner and finance see it; another partner does not, whatever id it guesses
            seller.client().get().uri("/api/me/ledger/entries/{id}", entryId).exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.entryId").isEqualTo(entryId).jsonPath("$.eventId").isNotEmpty();
            finance.get().uri("/api/ledger/partners/{p}/entries/{id}", partner, entryId).exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.partnerId").isEqualTo(partner);
            other.get().uri("/api/me/ledger/entries/{id}", entryId).exchange()
                    .expectStatus().isNotFound().expectBody().jsonPath("$.code").isEqualTo("entry_not_found");
            other.get().uri("/api/me/ledger/entries?size=500").exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.entries[?(@.entryId == '" + entryId + "')]").isEmpty();
            finance.get().uri("/api/ledger/partners/{p}/entries/{id}", "someone-else", entryId).exchange().expectStatus().isNotFound();

            // a partial refund (25%) takes back 25% of the commission
            deliverCrm(Map.of("deliveryId", "refund-" + UUID.randomUUID(), "opportunityId", opportunity, "type", "REFUND",
                    "amount", LedgerTestSupport.money("2500.00", "EUR"), "reference", "CN-1"));
            Map<?, ?> reversal = awaitEntry(seller.client(), "REVERSAL", null);
            assertThat(((Map<?, ?>) reversal.get("amount")).get("amountMinor")).isEqualTo(-25_000);
            assertThat(reversal.get("reversedEntryId")).isEqualTo(entryId);
            awaitBalance(seller.client(), "/api/me/ledger/balance", "payable", 75_000);

            // finance adjusts, idempotently by its key
            String adjustmentId = "goodwill-" + UUID.randomUUID();
            finance.post().uri("/api/ledger/partners/{p}/adjustments", partner).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(LedgerTestSupport.adjustment(adjustmentId, "50.00", "Goodwill for the delayed onboarding"))
                    .exchange().expectStatus().isAccepted()
                    .expectBody().jsonPath("$.adjustmentId").isEqualTo(adjustmentId);
            awaitBalance(seller.client(), "/api/me/ledger/balance", "payable", 80_000);
            long events = settledEvents();
            finance.post().uri("/api/ledger/partners/{p}/adjustments", partner).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(LedgerTestSupport.adjustment(adjustmentId, "50.00", "Goodwill for the delayed onboarding"))
                    .exchange().expectStatus().isAccepted();
            finance.post().uri("/api/ledger/partners/{p}/adjustments", partner).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(LedgerTestSupport.adjustment(adjustmentId, "500.00", "Goodwill for the delayed onboarding"))
                    .exchange().expectStatus().isEqualTo(409);
            assertThat(storedEvents()).as("a repeated adjustment changes nothing").isEqualTo(events);

            // the payout settles the payable balance
            finance.post().uri("/api/ledger/partners/{p}/payouts", partner).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(LedgerTestSupport.payout("payout-" + UUID.randomUUID(), "800.00")).exchange().expectStatus().isAccepted();
            awaitBalance(finance, "/api/ledger/partners/" + partner + "/balance", "paid", 80_000);
            finance.get().uri("/api/ledger/partners/{p}/balance", partner).exchange().expectBody()
                    .jsonPath("$.balances[0].currency").isEqualTo("EUR")
                    .jsonPath("$.balances[0].payable.amountMinor").isEqualTo(0)
                    .jsonPath("$.balances[0].pending.amountMinor").isEqualTo(0)
                    .jsonPath("$.balances[0].lifetime.amountMinor").isEqualTo(80_000);

            // as of before it all, nothing was owed
            finance.get().uri(uri -> uri.path("/api/ledger/partners/{p}/balance").queryParam("asOf", beforeEverything.toString()).build(partner))
                    .exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.balances[?(@.lifetime.amountMinor != 0)]").isEmpty();

            // history, statement and journal tell the same story
            finance.get().uri("/api/ledger/history?partnerId={p}&size=100", partner).exchange().expectStatus().isOk()
                    .expectHeader().exists("X-Total-Count")
                    .expectBody()
                    .jsonPath("$.movements[?(@.type == 'ACCRUED')]").isNotEmpty()
                    .jsonPath("$.movements[?(@.type == 'RELEASED')]").isNotEmpty()
                    .jsonPath("$.movements[?(@.type == 'REVERSED')]").isNotEmpty()
                    .jsonPath("$.movements[?(@.type == 'ADJUSTED')].reason").isEqualTo(List.of("Goodwill for the delayed onboarding"))
                    .jsonPath("$.movements[?(@.type == 'PAID')]").isNotEmpty();
            String tomorrow = LocalDate.now().plusDays(1).toString();
            seller.client().get().uri("/api/me/ledger/statement?from={f}&to={t}", beforeEverything.toString(), tomorrow).exchange()
                    .expectStatus().isOk().expectBody()
                    .jsonPath("$.partnerId").isEqualTo(partner)
                    .jsonPath("$.closing[0].paid.amountMinor").isEqualTo(80_000);
            String csv = seller.client().get().uri("/api/me/ledger/statement?from={f}&to={t}", beforeEverything.toString(), tomorrow)
                    .accept(MediaType.parseMediaType("text/csv")).exchange()
                    .expectStatus().isOk()
                    .expectHeader().contentTypeCompatibleWith("text/csv")
                    .expectBody(String.class).returnResult().getResponseBody();
            assertThat(csv).contains("balance,currency,pending,payable,paid,reversed,lifetime")
                    .contains("closing,EUR,0.00,0.00,800.00,250.00,800.00")
                    .contains(",ACCRUED,ACCRUAL,").contains(",PAID,").contains("Goodwill for the delayed onboarding");
            List<Map<String, Object>> journal = finance.get().uri("/api/ledger/journal?partnerId={p}", partner).exchange()
                    .expectStatus().isOk()
                    .expectBodyList(new ParameterizedTypeReference<Map<String, Object>>() { }).returnResult().getResponseBody();
            assertThat(journal).isNotEmpty();
            assertThat(journal.stream().mapToLong(line -> minor(line.get("debit"))).sum())
                    .isEqualTo(journal.stream().mapToLong(line -> minor(line.get("credit"))).sum());
            assertThat(finance.get().uri("/api/ledger/journal?partnerId={p}", partner).accept(MediaType.parseMediaType("text/csv"))
                    .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody())
                    .startsWith("sequence,recordedAt,eventId,partnerId,account,currency,debit,credit,memo");

            // the partner saw it live, up to the payout
            await().atMost(WAIT).untilAsserted(() -> assertThat(live.stream()
                    .filter(event -> "earnings".equals(event.event()))
                    .map(event -> json.valueToTree(event.data()).at("/balances/0/paid/amountMinor").asLong())
                    .toList()).contains(80_000L));
            seller.client().get().uri("/api/me/earnings").exchange().expectStatus().isOk().expectBody()
                    .jsonPath("$.partnerId").isEqualTo(partner)
                    .jsonPath("$.recent").isNotEmpty();

            // and the independent auditor agrees with every read model
            await().atMost(WAIT).untilAsserted(() -> finance.post().uri("/api/ledger/audit-runs").exchange()
                    .expectStatus().isOk().expectBody()
                    .jsonPath("$.differences").isEmpty()
                    .jsonPath("$.partnersChecked").value(checked -> assertThat((Integer) checked).isPositive()));
        } finally {
            stream.dispose();
        }
    }

    @Test
    void aHeldAccrualStaysPendingUntilItsHoldEnds() {
        String planId = createAndPublish("Held 30 days", LedgerTestSupport.percentTerms("0.10", 30));
        String partner = fixtures.activePartner("Held Partner");
        http.put().uri("/api/commission-plans/assignments").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(LedgerTestSupport.assignToPartner(planId, partner)).exchange().expectStatus().isAccepted();
        WebTestClient seller = fixtures.user(Role.PARTNER_USER, partner).client();

        wonDeal(seller, null, "2000.00");

        Map<?, ?> accrual = awaitEntry(seller, "ACCRUAL", "PENDING");
        Instant recordedAt = Instant.parse(accrual.get("recordedAt").toString());
        Instant payableAt = Instant.parse(accrual.get("payableAt").toString());
        assertThat(Duration.between(recordedAt, payableAt)).isBetween(Duration.ofDays(30).minusMinutes(1), Duration.ofDays(30).plusMinutes(1));
        awaitBalance(seller, "/api/me/ledger/balance", "pending", 20_000);
        seller.get().uri("/api/me/ledger/balance").exchange().expectBody()
                .jsonPath("$.balances[0].payable.amountMinor").isEqualTo(0)
                .jsonPath("$.nextPayableAt").isEqualTo(accrual.get("payableAt"));

        // nothing is payable yet, so a payout is refused and writes nothing
        long before = settledEvents();
        finance.post().uri("/api/ledger/partners/{p}/payouts", partner).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(LedgerTestSupport.payout("early-" + UUID.randomUUID(), "200.00")).exchange()
                .expectStatus().value(status -> assertThat(status).isIn(409, 422));
        assertThat(storedEvents()).isEqualTo(before);
    }

    /**
     * An accrual reaches the partner's open earnings stream within a second of the won deal being accepted. Measured
     * over three deals: the median must be within 1 s (each within 3 s, so a CI hiccup on a busy machine is not
     * mistaken for a regression); the figures are printed.
     */
    @Test
    void accrualReachesThePartnersEarningsStreamWithinASecond() {
        String planId = createAndPublish("Live 5%, no hold", LedgerTestSupport.percentTerms("0.05", 0));
        String partner = fixtures.activePartner("Live Partner");
        http.put().uri("/api/commission-plans/assignments").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(LedgerTestSupport.assignToPartner(planId, partner)).exchange().expectStatus().is2xxSuccessful();
        SecurityFixtures.User seller = fixtures.user(Role.PARTNER_USER, partner);
        Map<String, Long> arrivals = new ConcurrentHashMap<>();
        AtomicBoolean subscribed = new AtomicBoolean();
        Disposable stream = WebClient.create("http://localhost:" + port).get().uri("/api/me/earnings/stream")
                .headers(headers -> headers.setBasicAuth(seller.email(), seller.password()))
                .accept(MediaType.TEXT_EVENT_STREAM).retrieve()
                .bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>>() { })
                .subscribe(event -> {
                    long now = System.nanoTime();
                    subscribed.set(true);
                    Object recent = event.data() == null ? null : event.data().get("recent");
                    if (recent instanceof List<?> entries) {
                        entries.stream().map(Map.class::cast).map(entry -> String.valueOf(entry.get("registrationId")))
                                .forEach(deal -> arrivals.putIfAbsent(deal, now));
                    }
                });
        try {
            await().atMost(WAIT).untilTrue(subscribed); // the initial summary: the subscription is live
            List<Long> latenciesMs = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String deal = LedgerTestSupport.approvedDeal(seller.client(), manager, "Live Customer");
                manager.post().uri("/api/deals/{id}/close-won", deal).contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(LedgerTestSupport.closeWon("1000.00")).exchange().expectStatus().isAccepted();
                long accepted = System.nanoTime();
                await().atMost(Duration.ofSeconds(3)).until(() -> arrivals.containsKey(deal));
                latenciesMs.add(Duration.ofNanos(arrivals.get(deal) - accepted).toMillis());
            }
            System.out.println("Close-won accepted -> accrual on the partner's SSE stream, ms: " + latenciesMs);
            assertThat(latenciesMs.stream().sorted().toList().get(1)).isLessThanOrEqualTo(1000L);
        } finally {
            stream.dispose();
        }
    }

    /**
     * The ledger read models are a function of the event history: resetting the ledger processor's tokens rebuilds
     * every document (movements, entries, balances, months) identical to the live one, for every partner so far.
     */
    @Test
    void replayRebuildsLedgerDocumentsIdenticalToTheLiveOnes() throws Exception {
        String planId = createAndPublish("Replay 7.5%, no hold", LedgerTestSupport.percentTerms("0.075", 0));
        String partner = fixtures.activePartner("Replay Partner");
        http.put().uri("/api/commission-plans/assignments").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(LedgerTestSupport.assignToPartner(planId, partner)).exchange().expectStatus().is2xxSuccessful();
        SecurityFixtures.User seller = fixtures.user(Role.PARTNER_USER, partner);
        String opportunity = "OPP-" + UUID.randomUUID();
        wonDeal(seller.client(), opportunity, "3333.33");
        awaitEntry(seller.client(), "ACCRUAL", "PAYABLE");
        deliverCrm(Map.of("deliveryId", "refund-" + UUID.randomUUID(), "opportunityId", opportunity, "type", "REFUND",
                "amount", LedgerTestSupport.money("1111.11", "EUR"), "reference", "CN-R"));
        awaitEntry(seller.client(), "REVERSAL", null);
        finance.post().uri("/api/ledger/partners/{p}/adjustments", partner).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(LedgerTestSupport.adjustment("replay-" + UUID.randomUUID(), "-0.01", "Rounding goodwill"))
                .exchange().expectStatus().isAccepted();
        finance.post().uri("/api/ledger/partners/{p}/payouts", partner).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(LedgerTestSupport.payout("replay-" + UUID.randomUUID(), "100.00"))
                .exchange().expectStatus().isAccepted();
        awaitBalance(seller.client(), "/api/me/ledger/balance", "paid", 100_00);

        StreamingEventProcessor ledger = processing.eventProcessor("ledger", StreamingEventProcessor.class)
                .orElseThrow();
        await().atMost(WAIT).until(() -> caughtUp(ledger));
        Map<String, List<Document>> live = ledgerDocuments();
        assertThat(live.get("ledger_entries")).isNotEmpty();

        ledger.shutDown();
        ledger.resetTokens();
        ledger.start();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(caughtUp(ledger)).isTrue();
            assertThat(ledgerDocuments()).isEqualTo(live);
        });
    }

    private static boolean caughtUp(StreamingEventProcessor processor) {
        return processor.isRunning() && !processor.isReplaying() && !processor.processingStatus().isEmpty()
                && processor.processingStatus().values().stream().allMatch(EventTrackerStatus::isCaughtUp);
    }

    private Map<String, List<Document>> ledgerDocuments() {
        Map<String, List<Document>> documents = new TreeMap<>();
        for (String collection : List.of("ledger_movements", "ledger_entries", "ledger_balances",
                "ledger_monthly_earnings")) {
            documents.put(collection, mongo.find(new Query().with(Sort.by("_id")), Document.class, collection)
                    .collectList().block());
        }
        return documents;
    }

    private String createAndPublish(String name, Map<String, Object> terms) {
        String planId = http.post().uri("/api/commission-plans").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(LedgerTestSupport.plan(name, terms)).exchange()
                .expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("planId").toString();
        http.post().uri("/api/commission-plans/{id}/versions", planId).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(LedgerTestSupport.publish(LocalDate.now())).exchange().expectStatus().isAccepted();
        return planId;
    }

    /** Registered by the partner (linked to the CRM opportunity when given), approved and closed won by the manager. */
    private String wonDeal(WebTestClient seller, String opportunity, String amount) {
        Map<String, Object> submission = LedgerTestSupport.dealSubmission("Ledger Customer",
                "customer-" + UUID.randomUUID().toString().substring(0, 12) + ".com");
        if (opportunity != null) {
            submission.put("crmOpportunityId", opportunity);
        }
        String deal = seller.post().uri("/api/deals").contentType(MediaType.APPLICATION_JSON).bodyValue(submission)
                .exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("registrationId").toString();
        await().atMost(WAIT).untilAsserted(() -> manager.post().uri("/api/deals/{id}/approve", deal).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of()).exchange().expectStatus().isAccepted());
        manager.post().uri("/api/deals/{id}/close-won", deal).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(LedgerTestSupport.closeWon(amount)).exchange().expectStatus().isAccepted();
        return deal;
    }

    private Map<?, ?> awaitEntry(WebTestClient client, String kind, String status) {
        return await().atMost(WAIT).until(() -> {
            Map<?, ?> page = client.get().uri("/api/me/ledger/entries?kind={k}", kind).exchange()
                    .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
            List<?> entries = (List<?>) page.get("entries");
            return entries.stream().map(Map.class::cast)
                    .filter(entry -> status == null || status.equals(entry.get("status")))
                    .findFirst().orElse(null);
        }, entry -> entry != null);
    }

    private static void awaitBalance(WebTestClient client, String uri, String field, long minor) {
        await().atMost(WAIT).untilAsserted(() -> client.get().uri(uri).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.balances[0]." + field + ".amountMinor").isEqualTo((int) minor));
    }

    private Disposable earningsStream(SecurityFixtures.User user, List<ServerSentEvent<Map<String, Object>>> received) {
        return WebClient.create("http://localhost:" + port).get().uri("/api/me/earnings/stream")
                .headers(headers -> headers.setBasicAuth(user.email(), user.password()))
                .accept(MediaType.TEXT_EVENT_STREAM)
                .retrieve()
                .bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>>() { })
                .subscribe(received::add);
    }

    private void deliverCrm(Map<String, Object> event) throws Exception {
        byte[] body = json.writeValueAsBytes(new LinkedHashMap<>(event));
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(CRM_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) '.');
        String signature = HexFormat.of().formatHex(mac.doFinal(body));
        anonymous.post().uri("/api/integrations/crm/events").contentType(MediaType.APPLICATION_JSON)
                .header("X-Channelbook-Timestamp", timestamp)
                .header("X-Channelbook-Signature", "sha256=" + signature)
                .bodyValue(body).exchange().expectStatus().isOk();
    }

    private static long minor(Object money) {
        return money instanceof Map<?, ?> value ? ((Number) value.get("amountMinor")).longValue() : 0;
    }
}
