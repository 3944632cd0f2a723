package io.channelbook.ui.standalone;

import io.channelbook.ui.StandaloneIntegrationTest;
import io.channelbook.ui.partner.PartnerRequests;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/** Time comes from the injected clock: events recorded under a fixed clock carry its instant. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class InjectedClockIT {

    static final Instant FIXED = Instant.parse("2030-02-03T04:05:06Z");

    @TestConfiguration
    static class FixedClock {
        @Bean
        @Primary
        Clock fixedClock() {
            return Clock.fixed(FIXED, ZoneOffset.UTC);
        }
    }

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) throws Exception {
        Path dir = Files.createTempDirectory("channelbook-clock-it");
        registry.add("channelbook.data-dir", dir::toString);
        registry.add("channelbook.security.admin-email", () -> StandaloneIntegrationTest.ADMIN_EMAIL);
        registry.add("channelbook.security.admin-password", () -> StandaloneIntegrationTest.ADMIN_PASSWORD);
    }

    @Autowired
    WebTestClient http;

    @Test
    void eventsAreStampedByTheInjectedClock() {
        WebTestClient http = this.http.mutate().defaultHeaders(headers -> headers.setBasicAuth(
                StandaloneIntegrationTest.ADMIN_EMAIL, StandaloneIntegrationTest.ADMIN_PASSWORD)).build();
        String partnerId = http.post().uri("/api/partners").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(PartnerRequests.valid("Clockwork Ltd", "clockwork.io"))
                .exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("partnerId").toString();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> http.get().uri("/api/partners/{id}", partnerId)
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.registeredAt").isEqualTo("2030-02-03T04:05:06Z"));
    }
}
