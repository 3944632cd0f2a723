package io.channelbook.ui;

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

/**
 * The real standalone runtime on a random port with its own data dir: H2 event store on disk, embedded Mongo-wire
 * read models. Test classes extending this share one running application.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class StandaloneIntegrationTest {

    private static final Path DATA_DIR = createDataDir();

    @LocalServerPort
    protected int port;
    @Autowired
    protected WebTestClient http;
    @Autowired
    protected JdbcTemplate jdbc;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("channelbook.data-dir", DATA_DIR::toString);
    }

    /** How many events the event store holds: bad input must leave it unchanged. */
    protected long storedEvents() {
        return jdbc.queryForObject("select count(*) from DomainEventEntry", Long.class);
    }

    private static Path createDataDir() {
        try {
            return Files.createTempDirectory("channelbook-it");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
