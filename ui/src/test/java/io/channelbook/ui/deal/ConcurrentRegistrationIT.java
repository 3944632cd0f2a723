package io.channelbook.ui.deal;

import io.channelbook.ui.StandaloneIntegrationTest;
import io.channelbook.ui.security.Role;
import io.channelbook.ui.security.SecurityFixtures;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Fifty partners register the same customer at the same moment, each spelling its website differently: exactly one
 * registration holds the customer and 49 are conflicts, decided on the command side, not by a racing read.
 */
class ConcurrentRegistrationIT extends StandaloneIntegrationTest {

    private static final int PARTNERS = 50;

    @Test
    void fiftyConcurrentRegistrationsOfOneCustomerGiveOneHolderAndFortyNineConflicts() throws Exception {
        SecurityFixtures fixtures = new SecurityFixtures(http, anonymous, port);
        String name = "contested-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> spellings = List.of(
                name + ".com", "https://www." + name + ".com/", "http://shop." + name.toUpperCase() + ".COM",
                "www." + name + ".com/contact?ref=1", "HTTPS://" + name + ".com:443/en/", name + ".com.",
                "https://portal.eu." + name + ".com/login");

        ExecutorService pool = Executors.newFixedThreadPool(PARTNERS);
        try {
            // each partner with a user holding an API token (bearer lookups are cheap; bcrypt on 50 logins is not)
            // few at a time: the admin's concurrent logins are throttled like anyone's
            ExecutorService setupPool = Executors.newFixedThreadPool(3);
            List<Future<WebTestClient>> setup = new ArrayList<>();
            for (int i = 0; i < PARTNERS; i++) {
                int n = i;
                setup.add(setupPool.submit(() -> {
                    String partnerId = fixtures.registerPartner("Racer " + n);
                    SecurityFixtures.User seller = fixtures.user(Role.PARTNER_USER, partnerId);
                    return fixtures.bearer(fixtures.apiToken(seller.client(), "race").secret());
                }));
            }
            List<WebTestClient> sellers = new ArrayList<>();
            for (Future<WebTestClient> seller : setup) {
                sellers.add(seller.get());
            }
            setupPool.shutdown();

            CountDownLatch start = new CountDownLatch(1);
            List<Future<Map<?, ?>>> submissions = new ArrayList<>();
            for (int i = 0; i < PARTNERS; i++) {
                WebTestClient seller = sellers.get(i);
                String website = spellings.get(i % spellings.size());
                submissions.add(pool.submit((Callable<Map<?, ?>>) () -> {
                    start.await();
                    return seller.post().uri("/api/deals").contentType(MediaType.APPLICATION_JSON)
                            .bodyValue(DealRequestsForTests.submission("Contested Customer", website))
                            .exchange().expectStatus().isCreated()
                            .expectBody(Map.class).returnResult().getResponseBody();
                }));
            }
            start.countDown();

            List<String> statuses = new ArrayList<>();
            List<String> domains = new ArrayList<>();
            for (Future<Map<?, ?>> submission : submissions) {
                Map<?, ?> answer = submission.get();
                statuses.add(String.valueOf(answer.get("status")));
                domains.add(String.valueOf(answer.get("customerDomain")));
            }

            assertThat(domains).containsOnly(name + ".com");
            assertThat(statuses).filteredOn("SUBMITTED"::equals).hasSize(1);
            assertThat(statuses).filteredOn("CONFLICT"::equals).hasSize(PARTNERS - 1);

            // the conflict view proves the order: one holder, 49 contesters, in sequence
            String anyId = submissions.get(0).get().get("registrationId").toString();
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> http.get().uri("/api/deals/{id}/conflict", anyId)
                    .exchange().expectStatus().isOk().expectBody()
                    .jsonPath("$.claimOrder.length()").isEqualTo(PARTNERS)
                    .jsonPath("$.claimOrder[?(@.holder == true)]").value(holders -> assertThat((List<?>) holders).hasSize(1)));
        } finally {
            pool.shutdownNow();
        }
    }
}
