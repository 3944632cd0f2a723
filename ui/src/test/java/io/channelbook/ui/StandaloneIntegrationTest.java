package io.channelbook.ui;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.awaitility.Awaitility.await;

/**
 * The real standalone runtime on a random port with its own data dir: H2 event store on disk, embedded Mongo-wire
 * read models. Test classes extending this share one running application.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class StandaloneIntegrationTest {

    private static final Path DATA_DIR = createDataDir();

    public static final String ADMIN_EMAIL = "admin@channelbook.test";
    public static final String ADMIN_PASSWORD = "correct horse battery staple";
    /** The shared secret the test CRM signs its webhooks with. */
    public static final String CRM_SECRET = "it-crm-shared-secret";

    @LocalServerPort
    protected int port;
    /** Without credentials. */
    @Autowired
    protected WebTestClient anonymous;
    /** Logged in as the first program admin. */
    protected WebTestClient http;
    @Autowired
    protected JdbcTemplate jdbc;
    @Autowired
    private EventProcessingConfiguration processing;

    @DynamicPropertySource
    static void runtime(DynamicPropertyRegistry registry) {
        registry.add("channelbook.data-dir", DATA_DIR::toString);
        registry.add("channelbook.security.admin-email", () -> ADMIN_EMAIL);
        registry.add("channelbook.security.admin-password", () -> ADMIN_PASSWORD);
        registry.add("channelbook.crm.secret", () -> CRM_SECRET);
    }

    @BeforeEach
    void logInAsAdmin() {
        http = as(ADMIN_EMAIL, ADMIN_PASSWORD);
    }

    /** A client that sends these credentials with HTTP Basic on every request. */
    protected WebTestClient as(String email, String password) {
        return anonymous.mutate().defaultHeaders(headers -> headers.setBasicAuth(email, password)).build();
    }

    /** A client that sends this bearer token on every request. */
    protected WebTestClient withBearer(String token) {
        return anonymous.mutate().defaultHeaders(headers -> headers.setBearerAuth(token)).build();
    }

    /** How many events the event store holds: bad input must leave it unchanged. */
    protected long storedEvents() {
        return jdbc.queryForObject("select count(*) from DomainEventEntry", Long.class);
    }

    /**
     * How many events the event store holds once the program has settled: every event processor caught up (the
     * commission process manager turns a won deal into ledger events after the request has been answered) and the
     * count steady between two polls. Take a "nothing written" baseline with this, then compare with
     * {@link #storedEvents()}.
     */
    protected long settledEvents() {
        AtomicLong last = new AtomicLong(-1);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            boolean caughtUp = processing.eventProcessors().values().stream()
                    .filter(StreamingEventProcessor.class::isInstance).map(StreamingEventProcessor.class::cast)
                    .allMatch(processor -> processor.processingStatus().values().stream()
                            .allMatch(EventTrackerStatus::isCaughtUp));
            long now = storedEvents();
            return caughtUp && now == last.getAndSet(now);
        });
        return last.get();
    }

    private static Path createDataDir() {
        try {
            return Files.createTempDirectory("channelbook-it");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
