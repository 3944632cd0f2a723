package io.channelbook.ui.standalone;

import io.channelbook.ui.ChannelbookApplication;
import io.channelbook.ui.StandaloneIntegrationTest;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.reactive.context.ReactiveWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Stop and start on the same data dir: events, read models and processor positions survive, nothing doubles. */
class RestartIT {

    private static final String LIST_PROCESSOR = "partner-list";

    @TempDir
    Path dataDir;

    @Test
    void restartKeepsEventsReadModelsAndProcessorPositions() throws IOException {
        String activated;
        long eventsBefore;
        TrackingToken positionBefore;
        try (ConfigurableApplicationContext app = start()) {
            WebTestClient http = client(app);
            activated = register(http, "Alpha Ltd", "alpha.io");
            register(http, "Beta Ltd", "beta.io");
            register(http, "Gamma Ltd", "gamma.io");
            http.post().uri("/api/partners/{id}/activate", activated).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("reason", "signed")).exchange().expectStatus().isAccepted();
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> http.get().uri("/api/partners?status=ACTIVE")
                    .exchange().expectBody().jsonPath("$.total").isEqualTo(1));
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> http.get().uri("/api/partners")
                    .exchange().expectBody().jsonPath("$.total").isEqualTo(3));
            eventsBefore = storedEvents(app);
            positionBefore = position(app);
        }

        try (ConfigurableApplicationContext app = start()) {
            WebTestClient http = client(app);
            // read at once, no waiting: the read models were kept, not rebuilt
            http.get().uri("/api/partners").exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.total").isEqualTo(3);
            http.get().uri("/api/partners/{id}", activated).exchange().expectStatus().isOk()
                    .expectBody()
                    .jsonPath("$.status").isEqualTo("ACTIVE")
                    .jsonPath("$.version").isEqualTo(2);
            assertThat(storedEvents(app)).isEqualTo(eventsBefore);
            assertThat(position(app)).as("the list projection resumes from its stored token").isEqualTo(positionBefore);

            register(http, "Delta Ltd", "delta.io");
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> http.get().uri("/api/partners")
                    .exchange().expectBody().jsonPath("$.total").isEqualTo(4));
            assertThat(storedEvents(app)).isEqualTo(eventsBefore + 1);
        }
        Path trace = dataDir.resolve("eventstore.trace.db");
        assertThat(Files.exists(trace) ? Files.readString(trace) : "").as("errors H2 reported in %s", trace).isEmpty();
    }

    private ConfigurableApplicationContext start() {
        // as arguments: they must outrank application.yml, as the environment does for a user
        return new SpringApplicationBuilder(ChannelbookApplication.class)
                .run("--server.port=0", "--channelbook.data-dir=" + dataDir,
                "--channelbook.security.admin-email=" + StandaloneIntegrationTest.ADMIN_EMAIL,
                "--channelbook.security.admin-password=" + StandaloneIntegrationTest.ADMIN_PASSWORD);
    }

    private static WebTestClient client(ConfigurableApplicationContext app) {
        int port = ((ReactiveWebServerApplicationContext) app).getWebServer().getPort();
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .defaultHeaders(headers -> headers.setBasicAuth(StandaloneIntegrationTest.ADMIN_EMAIL, StandaloneIntegrationTest.ADMIN_PASSWORD))
                .build();
    }

    private static String register(WebTestClient http, String legalName, String domain) {
        Map<String, Object> body = new HashMap<>();
        body.put("legalName", legalName);
        body.put("country", "IE");
        body.put("websiteDomain", domain);
        body.put("programType", "REFERRAL");
        body.put("primaryContact", Map.of("name", "Ana", "email", "ana@" + domain));
        return http.post().uri("/api/partners").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("partnerId").toString();
    }

    private static long storedEvents(ConfigurableApplicationContext app) {
        return app.getBean(JdbcTemplate.class).queryForObject("select count(*) from DomainEventEntry", Long.class);
    }

    private static TrackingToken position(ConfigurableApplicationContext app) {
        return app.getBean(TokenStore.class).fetchToken(LIST_PROCESSOR, 0);
    }
}
