package io.channelbook.ui.deal;

import io.channelbook.ui.StandaloneIntegrationTest;
import io.channelbook.ui.security.Role;
import io.channelbook.ui.security.SecurityFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The deal registration lifecycle over HTTP, as partners and channel managers use it. */
class DealRegistrationIT extends StandaloneIntegrationTest {

    private SecurityFixtures fixtures;
    private String partnerA;
    private WebTestClient sellerA;
    private WebTestClient sellerB;
    private WebTestClient manager;

    @BeforeEach
    void partnersAndUsers() {
        fixtures = new SecurityFixtures(http, anonymous, port);
        partnerA = fixtures.registerPartner("Deal Partner A");
        String partnerB = fixtures.registerPartner("Deal Partner B");
        sellerA = fixtures.user(Role.PARTNER_USER, partnerA).client();
        sellerB = fixtures.user(Role.PARTNER_USER, partnerB).client();
        manager = fixtures.user(Role.CHANNEL_MANAGER, null).client();
    }

    @Test
    void partnerRegistersManagerApprovesAndClosesWon() {
        String domain = uniqueDomain();
        Map<?, ?> submitted = submit(sellerA, "Customer GmbH", "https://www." + domain + "/de/");
        String id = submitted.get("registrationId").toString();
        assertThat(submitted.get("customerDomain")).isEqualTo(domain);
        assertThat(submitted.get("status")).isEqualTo("SUBMITTED");

        awaitStatus(sellerA, id, "SUBMITTED");
        manager.post().uri("/api/deals/{id}/approve", id).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("protectionDays", 60)).exchange().expectStatus().isAccepted();
        awaitStatus(sellerA, id, "APPROVED");
        sellerA.get().uri("/api/deals/{id}", id).exchange().expectBody()
                .jsonPath("$.protectedUntil").isNotEmpty()
                .jsonPath("$.partnerId").isEqualTo(partnerA);

        manager.post().uri("/api/deals/{id}/close-won", id).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(DealRequestsForTests.closeWon("51000.00")).exchange().expectStatus().isAccepted();
        awaitStatus(sellerA, id, "CLOSED_WON");
        sellerA.get().uri("/api/deals/{id}", id).exchange().expectBody()
                .jsonPath("$.closedAmount.amountMinor").isEqualTo(5_100_000)
                .jsonPath("$.closedAmount.currency").isEqualTo("EUR");
    }

    @Test
    void laterRegistrantOfTheSameCustomerGetsAConflictWithoutLearningWhoCameFirst() {
        String domain = uniqueDomain();
        String first = submit(sellerA, "Shared Customer", domain).get("registrationId").toString();
        Map<?, ?> second = submit(sellerB, "Shared Customer AG", "http://WWW." + domain.toUpperCase());
        String later = second.get("registrationId").toString();
        assertThat(second.get("status")).isEqualTo("CONFLICT");

        awaitStatus(sellerB, later, "CONFLICT");
        sellerB.get().uri("/api/deals/{id}", later).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.inConflict").isEqualTo(true)
                .jsonPath("$.holderRegistrationId").doesNotExist()
                .jsonPath("$.holderPartnerId").doesNotExist();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> manager.get().uri("/api/deals/{id}/conflict", later)
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.holderRegistrationId").isEqualTo(first)
                .jsonPath("$.claimOrder[0].registrationId").isEqualTo(first)
                .jsonPath("$.claimOrder[1].registrationId").isEqualTo(later)
                .jsonPath("$.claimOrder[0].claimSequence").isEqualTo(0)
                .jsonPath("$.claimOrder[1].claimSequence").isEqualTo(1));

        manager.post().uri("/api/deals/{id}/resolve-conflict", later).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("resolution", "KEEP_FIRST", "reason", "A registered two days earlier"))
                .exchange().expectStatus().isAccepted();
        awaitStatus(sellerB, later, "REJECTED");
        awaitStatus(sellerA, first, "SUBMITTED");
    }

    @Test
    void partnersSeeOnlyTheirOwnDeals() {
        String id = submit(sellerA, "Private Customer", uniqueDomain()).get("registrationId").toString();
        awaitStatus(sellerA, id, "SUBMITTED");

        sellerB.get().uri("/api/deals/{id}", id).exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.code").isEqualTo("deal_not_found");
        sellerB.post().uri("/api/deals/{id}/extension-request", id).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("additionalDays", 30, "reason", "please"))
                .exchange().expectStatus().isNotFound();
        List<?> visibleToB = sellerB.get().uri("/api/deals?size=200").exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody().get("items") instanceof List<?> items ? items : List.of();
        assertThat(visibleToB.toString()).doesNotContain(id);
        // a partner cannot widen its view with a partnerId filter
        sellerB.get().uri("/api/deals?partnerId={p}", partnerA).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.items[?(@.registrationId == '" + id + "')]").doesNotExist();
    }

    @Test
    void managersReviewQueueFiltersAndBulkApproves() {
        String one = submit(sellerA, "Queue One", uniqueDomain()).get("registrationId").toString();
        String two = submit(sellerA, "Queue Two", uniqueDomain()).get("registrationId").toString();
        awaitStatus(sellerA, one, "SUBMITTED");
        awaitStatus(sellerA, two, "SUBMITTED");
        manager.get().uri("/api/deals?status=SUBMITTED&partnerId={p}&sort=OLDEST", partnerA).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.items[?(@.registrationId == '" + one + "')]").exists()
                .jsonPath("$.items[?(@.registrationId == '" + two + "')]").exists();

        manager.post().uri("/api/deals/bulk/approve").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("registrationIds", List.of(one, two, "no-such-deal")))
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$[0].code").isEqualTo("done")
                .jsonPath("$[1].code").isEqualTo("done")
                .jsonPath("$[2].status").isEqualTo(404);
        awaitStatus(sellerA, one, "APPROVED");
        awaitStatus(sellerA, two, "APPROVED");
    }

    @Test
    void badInputIsRefusedAndWritesNothing() {
        long before = settledEvents();
        Map<String, Object> negative = DealRequestsForTests.submission("Bad Value", uniqueDomain());
        negative.put("estimatedValue", Map.of("amount", "-5", "currency", "EUR"));
        sellerA.post().uri("/api/deals").contentType(MediaType.APPLICATION_JSON).bodyValue(negative)
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("validation_failed");

        Map<String, Object> currency = DealRequestsForTests.submission("Bad Currency", uniqueDomain());
        currency.put("estimatedValue", Map.of("amount", "5", "currency", "XYZ"));
        sellerA.post().uri("/api/deals").contentType(MediaType.APPLICATION_JSON).bodyValue(currency)
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("invalid_amount");

        Map<String, Object> website = DealRequestsForTests.submission("Bad Website", "not a website");
        sellerA.post().uri("/api/deals").contentType(MediaType.APPLICATION_JSON).bodyValue(website)
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("customer_website_invalid");

        // vendor staff have no partner to register deals for
        manager.post().uri("/api/deals").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(DealRequestsForTests.submission("Wrong Role", uniqueDomain()))
                .exchange().expectStatus().isForbidden();
        assertThat(storedEvents()).isEqualTo(before);

        String id = submit(sellerA, "Too Early", uniqueDomain()).get("registrationId").toString();
        long afterSubmit = settledEvents();
        manager.post().uri("/api/deals/{id}/close-won", id).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(DealRequestsForTests.closeWon("100.00"))
                .exchange().expectStatus().is4xxClientError()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        manager.post().uri("/api/deals/{id}/approve", "no-such-deal").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of()).exchange().expectStatus().isNotFound();
        assertThat(storedEvents()).isEqualTo(afterSubmit);
    }

    private Map<?, ?> submit(WebTestClient seller, String customer, String website) {
        return seller.post().uri("/api/deals").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(DealRequestsForTests.submission(customer, website))
                .exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();
    }

    private static void awaitStatus(WebTestClient viewer, String id, String status) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> viewer.get().uri("/api/deals/{id}", id)
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo(status));
    }

    static String uniqueDomain() {
        return "customer-" + UUID.randomUUID().toString().substring(0, 12) + ".com";
    }
}
