package io.channelbook.ui.report;

import io.channelbook.ui.StandaloneIntegrationTest;
import io.channelbook.ui.ledger.LedgerTestSupport;
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

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Attribution runs, program reports and read-model rebuilds over HTTP on the standalone runtime: a run streams its
 * progress to 100%, its rows hold the won deal split by the model, two runs over the same stop position are
 * identical, an as-of run before the deal leaves it out; a rebuilt read model equals the live one.
 */
class ReportsIT extends StandaloneIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired
    private ReactiveMongoTemplate mongo;
    @Autowired
    private EventProcessingConfiguration processing;
    private SecurityFixtures fixtures;
    private SecurityFixtures.User analyst;
    private WebTestClient manager;

    @BeforeEach
    void staff() {
        fixtures = new SecurityFixtures(http, anonymous, port);
        analyst = fixtures.user(Role.ANALYST, null);
        manager = fixtures.user(Role.CHANNEL_MANAGER, null).client();
    }

    @Test
    void aRunStreamsProgressToCompletionAndSplitsTheWonDealByItsModel() {
        String seller = fixtures.activePartner("Attribution Seller");
        String deliverer = fixtures.activePartner("Attribution Deliverer");
        String deal = LedgerTestSupport.approvedDeal(fixtures.user(Role.PARTNER_USER, seller).client(), manager, "Report Customer");
        manager.post().uri("/api/deals/{id}/touches", deal).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("partnerId", deliverer, "type", "DELIVERED")).exchange().expectStatus().isCreated();
        manager.post().uri("/api/deals/{id}/close-won", deal).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(LedgerTestSupport.closeWon("1000.01")).exchange().expectStatus().isAccepted();
        settledEvents();

        String runId = start(Map.of("model", "WEIGHTED", "weights", Map.of("sourced", 70, "influenced", 20, "delivered", 10),
                "filters", Map.of("currency", "EUR")));
        List<ServerSentEvent<Map<String, Object>>> progress = WebClient.create("http://localhost:" + port).get()
                .uri("/api/reports/attribution-runs/{id}/progress", runId)
                .headers(headers -> headers.setBasicAuth(analyst.email(), analyst.password()))
                .accept(MediaType.TEXT_EVENT_STREAM).retrieve()
                .bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>>() { })
                .collectList().block(WAIT);

        assertThat(progress).isNotEmpty();
        Map<String, Object> last = progress.get(progress.size() - 1).data();
        assertThat(last.get("status")).isEqualTo("COMPLETED");
        assertThat(((Number) last.get("percent")).doubleValue()).isEqualTo(100.0);
        assertThat(last.get("eventsProcessed")).isEqualTo(last.get("totalEvents"));

        Map<String, Object> run = run(runId);
        assertThat(run.get("complete")).isEqualTo(true);
        List<Map<String, Object>> rows = rowsOf(run, seller, deliverer);
        // 1,000.01 at 70/10 of 80: 875.01 (875.00875) and 125.00 (125.00125); the cent left over to the larger remainder
        assertThat(rows).anySatisfy(row -> {
            assertThat(row.get("partnerId")).isEqualTo(seller);
            assertThat(row.get("product")).isEqualTo("PLATFORM-PRO");
            assertThat(amountMinor(row.get("attributed"))).isEqualTo(875_01);
            assertThat(amountMinor(row.get("sourced"))).isEqualTo(1_000_01);
        });
        assertThat(rows).anySatisfy(row -> {
            assertThat(row.get("partnerId")).isEqualTo(deliverer);
            assertThat(amountMinor(row.get("attributed"))).isEqualTo(125_00);
            assertThat(amountMinor(row.get("delivered"))).isEqualTo(1_000_01);
        });

        String csv = analyst.client().get().uri("/api/reports/attribution-runs/{id}", runId).accept(MediaType.parseMediaType("text/csv"))
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(csv).startsWith("runId,status,complete,partnerId,partnerName,tier,product,period,currency,sourced,")
                .contains(seller + ",Attribution Seller,,PLATFORM-PRO," + LocalDate.now().toString().substring(0, 7)
                        + ",EUR,1000.01,0.00,0.00,875.01,1");

        analyst.client().post().uri("/api/reports/attribution-runs/{id}/cancel", runId).exchange()
                .expectStatus().isEqualTo(409).expectBody().jsonPath("$.code").isEqualTo("attribution_run_final");
    }

    @Test
    void runsOverTheSameStopPositionAreIdenticalAndAnEarlierAsOfLeavesLaterDealsOut() {
        String seller = fixtures.activePartner("Replay Seller");
        String before = LedgerTestSupport.approvedDeal(fixtures.user(Role.PARTNER_USER, seller).client(), manager, "Report Customer");
        manager.post().uri("/api/deals/{id}/close-won", before).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(LedgerTestSupport.closeWon("200.00")).exchange().expectStatus().isAccepted();
        settledEvents();
        String asOf = java.time.Instant.now().toString();
        String after = LedgerTestSupport.approvedDeal(fixtures.user(Role.PARTNER_USER, seller).client(), manager, "Report Customer");
        manager.post().uri("/api/deals/{id}/close-won", after).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(LedgerTestSupport.closeWon("300.00")).exchange().expectStatus().isAccepted();
        settledEvents();

        String first = start(Map.of("model", "EVEN", "filters", Map.of("partnerId", seller)));
        Map<String, Object> firstRun = awaitCompleted(first);
        Object stop = ((Map<?, ?>) firstRun.get("parameters")).get("untilPosition");
        String second = start(Map.of("model", "EVEN", "filters", Map.of("partnerId", seller), "untilPosition", stop));
        String earlier = start(Map.of("model", "EVEN", "filters", Map.of("partnerId", seller), "asOf", asOf));

        assertThat(awaitCompleted(second).get("rows")).isEqualTo(firstRun.get("rows"));
        assertThat(sumAttributed(firstRun)).isEqualTo(500_00);
        assertThat(sumAttributed(awaitCompleted(earlier))).isEqualTo(200_00);

        analyst.client().get().uri("/api/reports/attribution-runs/{a}/compare/{b}", first, second).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.rows[0].difference.amountMinor").isEqualTo(0)
                .jsonPath("$.a.runId").isEqualTo(first);
        analyst.client().get().uri("/api/reports/attribution-runs?compare={a},{b}", first, earlier).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.rows[0].difference.amountMinor").isEqualTo(-300_00);
        analyst.client().get().uri("/api/reports/attribution-runs").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.runs.length()").value(count -> assertThat((Integer) count).isGreaterThanOrEqualTo(3));
    }

    @Test
    void badRunRequestsAreRefusedAndUnknownRunsAreNotFound() {
        long eventsBefore = settledEvents();
        analyst.client().post().uri("/api/reports/attribution-runs").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("model", "PSYCHIC")).exchange().expectStatus().isBadRequest();
        analyst.client().post().uri("/api/reports/attribution-runs").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("model", "EVEN", "from", "2026-05-01", "to", "2026-04-01")).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("invalid_period");
        analyst.client().post().uri("/api/reports/attribution-runs").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("model", "EVEN", "untilPosition", Long.MAX_VALUE)).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("invalid_position");
        analyst.client().get().uri("/api/reports/attribution-runs/{id}", UUID.randomUUID()).exchange()
                .expectStatus().isNotFound().expectBody().jsonPath("$.code").isEqualTo("attribution_run_not_found");
        analyst.client().post().uri("/api/reports/attribution-runs/{id}/cancel", UUID.randomUUID()).exchange()
                .expectStatus().isNotFound();
        analyst.client().get().uri("/api/reports/tier-progress?thresholds=GOLD:lots").exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("invalid_thresholds");
        assertThat(storedEvents()).isEqualTo(eventsBefore);
    }

    @Test
    void programReportsAnswerJsonAndCsv() {
        String seller = fixtures.activePartner("Pipeline Seller");
        LedgerTestSupport.approvedDeal(fixtures.user(Role.PARTNER_USER, seller).client(), manager, "Report Customer");
        settledEvents();

        analyst.client().get().uri("/api/reports/pipeline?partnerId={p}", seller).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.rows[0].stage").isEqualTo("APPROVED")
                .jsonPath("$.rows[0].expectedValue.amountMinor").isEqualTo(10_000_00);
        String csv = analyst.client().get().uri("/api/reports/pipeline?partnerId={p}", seller)
                .accept(MediaType.parseMediaType("text/csv")).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(csv).contains(seller + ",Pipeline Seller,,APPROVED,EUR,1,10000.00");
        analyst.client().get().uri("/api/reports/revenue-over-time").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.months").isArray();
        analyst.client().get().uri("/api/reports/tier-progress?thresholds=SILVER:500.00:EUR,GOLD:100000.00:EUR&partnerId={p}", seller)
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.rows[0].nextTier").isEqualTo("SILVER");
        fixtures.user(Role.FINANCE, null).client().get().uri("/api/reports/commission-roi?model=EVEN").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.model").isEqualTo("EVEN");
        fixtures.user(Role.FINANCE, null).client().get().uri("/api/reports/pipeline").exchange().expectStatus().isForbidden();
    }

    @Test
    void aRebuiltReadModelEqualsTheLiveOne() {
        String seller = fixtures.activePartner("Rebuild Seller");
        LedgerTestSupport.approvedDeal(fixtures.user(Role.PARTNER_USER, seller).client(), manager, "Report Customer");
        settledEvents();
        List<Document> live = documents("deal_list");
        assertThat(live).isNotEmpty();

        analyst.client().post().uri("/api/admin/rebuilds").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("processingGroup", "deal-list")).exchange().expectStatus().isForbidden();
        http.post().uri("/api/admin/rebuilds").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("processingGroup", "commission-process")).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("rebuild_not_allowed");
        http.post().uri("/api/admin/rebuilds").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("processingGroup", "deal-list")).exchange().expectStatus().isAccepted()
                .expectBody().jsonPath("$.processingGroup").isEqualTo("deal-list");

        List<ServerSentEvent<Map<String, Object>>> progress = WebClient.create("http://localhost:" + port).get()
                .uri("/api/admin/rebuilds/deal-list/progress")
                .headers(headers -> headers.setBasicAuth(ADMIN_EMAIL, ADMIN_PASSWORD))
                .accept(MediaType.TEXT_EVENT_STREAM).retrieve()
                .bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>>() { })
                .collectList().block(Duration.ofSeconds(60));
        Map<String, Object> last = progress.get(progress.size() - 1).data();
        assertThat(last.get("status")).isEqualTo("COMPLETED");
        assertThat(((Number) last.get("percent")).doubleValue()).isEqualTo(100.0);

        StreamingEventProcessor dealList = processing.eventProcessor("deal-list", StreamingEventProcessor.class).orElseThrow();
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(dealList.processingStatus().values()).allMatch(EventTrackerStatus::isCaughtUp);
            assertThat(documents("deal_list")).isEqualTo(live);
        });
        http.get().uri("/api/admin/rebuilds").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.rebuilds[?(@.processingGroup=='deal-list')].status").isEqualTo(List.of("COMPLETED"));
    }

    // --- helpers --------------------------------------------------------------------------------------------------

    private String start(Map<String, Object> body) {
        return analyst.client().post().uri("/api/reports/attribution-runs").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange().expectStatus().isAccepted()
                .expectBody(Map.class).returnResult().getResponseBody().get("runId").toString();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> run(String runId) {
        return analyst.client().get().uri("/api/reports/attribution-runs/{id}", runId).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    }

    private Map<String, Object> awaitCompleted(String runId) {
        return await().atMost(WAIT).until(() -> run(runId), run -> Boolean.TRUE.equals(run.get("complete")));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rowsOf(Map<String, Object> run, String... partners) {
        List<String> wanted = List.of(partners);
        return ((List<Map<String, Object>>) run.get("rows")).stream()
                .filter(row -> wanted.contains(row.get("partnerId"))).toList();
    }

    @SuppressWarnings("unchecked")
    private static long sumAttributed(Map<String, Object> run) {
        return ((List<Map<String, Object>>) run.get("rows")).stream()
                .mapToLong(row -> amountMinor(row.get("attributed"))).sum();
    }

    private static long amountMinor(Object money) {
        return ((Number) ((Map<?, ?>) money).get("amountMinor")).longValue();
    }

    private List<Document> documents(String collection) {
        return mongo.find(new Query().with(Sort.by("_id")), Document.class, collection).collectList().block();
    }

}
