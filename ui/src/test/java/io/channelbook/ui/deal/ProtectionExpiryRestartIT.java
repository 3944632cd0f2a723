package io.channelbook.ui.deal;

import io.channelbook.ui.ChannelbookApplication;
import io.channelbook.ui.StandaloneIntegrationTest;
import io.channelbook.ui.security.Role;
import io.channelbook.ui.security.SecurityFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.reactive.context.ReactiveWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/**
 * Protection expiry is a durable deadline: approved, then the application stops before the window ends, and the
 * registration still expires after the restart. The application's clock runs a day (less a few seconds) behind, so
 * a one-day window ends a few real seconds after approval, when the deadline store fires.
 */
class ProtectionExpiryRestartIT {

    /** A one-day window ends this long after approval, in real time. */
    private static final Duration REAL_WINDOW = Duration.ofSeconds(20);

    @TempDir
    Path dataDir;

    @Configuration
    static class LaggingClock {
        @Bean
        @Primary
        Clock laggingClock() {
            return Clock.offset(Clock.systemUTC(), Duration.ofDays(1).minus(REAL_WINDOW).negated());
        }
    }

    @Test
    void approvedRegistrationExpiresAfterARestartAndFreesTheCustomer() {
        String registrationId;
        String domain = DealRegistrationIT.uniqueDomain();
        SecurityFixtures.User sellerA;
        SecurityFixtures.User sellerB;
        try (ConfigurableApplicationContext app = start()) {
            WebTestClient admin = client(app).mutate().defaultHeaders(headers -> headers.setBasicAuth(
                    StandaloneIntegrationTest.ADMIN_EMAIL, StandaloneIntegrationTest.ADMIN_PASSWORD)).build();
            SecurityFixtures fixtures = new SecurityFixtures(admin, client(app), port(app));
            sellerA = fixtures.user(Role.PARTNER_USER, fixtures.registerPartner("Expiring A"));
            sellerB = fixtures.user(Role.PARTNER_USER, fixtures.registerPartner("Waiting B"));
            registrationId = sellerA.client().post().uri("/api/deals").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(DealRequestsForTests.submission("Expiring Customer", domain))
                    .exchange().expectStatus().isCreated()
                    .expectBody(Map.class).returnResult().getResponseBody().get("registrationId").toString();
            admin.post().uri("/api/deals/{id}/approve", registrationId).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("protectionDays", 1)).exchange().expectStatus().isAccepted();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> sellerA.client().get().uri("/api/deals/{id}", registrationId)
                    .exchange().expectBody().jsonPath("$.status").isEqualTo("APPROVED"));
        }

        try (ConfigurableApplicationContext app = start()) {
            WebTestClient a = SecurityFixtures.withBasic(client(app), sellerA.email(), sellerA.password());
            await().atMost(REAL_WINDOW.plusSeconds(40)).untilAsserted(() -> a.get().uri("/api/deals/{id}", registrationId)
                    .exchange().expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("EXPIRED"));

            WebTestClient b = SecurityFixtures.withBasic(client(app), sellerB.email(), sellerB.password());
            b.post().uri("/api/deals").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(DealRequestsForTests.submission("Expiring Customer", "https://www." + domain))
                    .exchange().expectStatus().isCreated()
                    .expectBody().jsonPath("$.status").isEqualTo("SUBMITTED");
        }
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(ChannelbookApplication.class, LaggingClock.class).run(
                "--server.port=0",
                "--channelbook.data-dir=" + dataDir,
                "--channelbook.security.admin-email=" + StandaloneIntegrationTest.ADMIN_EMAIL,
                "--channelbook.security.admin-password=" + StandaloneIntegrationTest.ADMIN_PASSWORD);
    }

    private static int port(ConfigurableApplicationContext app) {
        return ((ReactiveWebServerApplicationContext) app).getWebServer().getPort();
    }

    private static WebTestClient client(ConfigurableApplicationContext app) {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port(app)).responseTimeout(Duration.ofSeconds(10)).build();
    }
}
