package io.channelbook.ui.standalone;

import io.channelbook.ui.ChannelbookApplication;
import io.channelbook.ui.StandaloneIntegrationTest;
import io.channelbook.ui.partner.PartnerRequests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.reactive.context.ReactiveWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The standalone runtime with its events in PostgreSQL instead of H2, configured only through the datasource
 * settings a user would set. Runs where {@code CHANNELBOOK_TEST_POSTGRES_URL} (plus {@code _USER} and
 * {@code _PASSWORD}) names a reachable database; {@code .ci/run} starts one. Each run uses a schema of its own.
 */
@EnabledIfEnvironmentVariable(named = "CHANNELBOOK_TEST_POSTGRES_URL", matches = "jdbc:postgresql:.*")
class PostgresEventStoreIT {

    @TempDir
    Path dataDir;

    @Test
    void eventsGoToPostgresAndSurviveARestart() throws Exception {
        String url = System.getenv("CHANNELBOOK_TEST_POSTGRES_URL");
        String user = System.getenv("CHANNELBOOK_TEST_POSTGRES_USER");
        String password = System.getenv("CHANNELBOOK_TEST_POSTGRES_PASSWORD");
        String schema = "cb_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection connection = DriverManager.getConnection(url, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute("create schema " + schema);
        }
        String schemaUrl = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;

        String partnerId;
        try (ConfigurableApplicationContext app = start(schemaUrl, user, password)) {
            WebTestClient http = client(app);
            partnerId = http.post().uri("/api/partners").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(PartnerRequests.valid("Postgres Partners BV", "postgres-partners.nl"))
                    .exchange().expectStatus().isCreated()
                    .expectBody(Map.class).returnResult().getResponseBody().get("partnerId").toString();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> http.get().uri("/api/partners/{id}", partnerId)
                    .exchange().expectStatus().isOk());
            assertThat(app.getBean(JdbcTemplate.class).queryForObject(
                    "select count(*) from " + schema + ".domainevententry where aggregateidentifier = ?", Long.class, partnerId))
                    .isEqualTo(1);
        }
        try (ConfigurableApplicationContext app = start(schemaUrl, user, password)) {
            client(app).post().uri("/api/partners/{id}/activate", partnerId).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("reason", "signed"))
                    .exchange().expectStatus().isAccepted();
            assertThat(app.getBean(JdbcTemplate.class).queryForObject(
                    "select count(*) from " + schema + ".domainevententry where aggregateidentifier = ?", Long.class, partnerId))
                    .as("the aggregate was rebuilt from PostgreSQL and took its second event").isEqualTo(2);
        }
    }

    private ConfigurableApplicationContext start(String url, String user, String password) {
        return new SpringApplicationBuilder(ChannelbookApplication.class).run(
                "--server.port=0",
                "--channelbook.data-dir=" + dataDir,
                "--channelbook.security.admin-email=" + StandaloneIntegrationTest.ADMIN_EMAIL,
                "--channelbook.security.admin-password=" + StandaloneIntegrationTest.ADMIN_PASSWORD,
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + user,
                "--spring.datasource.password=" + password);
    }

    private static WebTestClient client(ConfigurableApplicationContext app) {
        int port = ((ReactiveWebServerApplicationContext) app).getWebServer().getPort();
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .defaultHeaders(headers -> headers.setBasicAuth(StandaloneIntegrationTest.ADMIN_EMAIL, StandaloneIntegrationTest.ADMIN_PASSWORD))
                .build();
    }
}
