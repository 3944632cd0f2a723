package io.channelbook.ui.standalone;

import de.bwaldvogel.mongo.MongoServer;
import org.h2.mvstore.MVStore;
import org.springframework.beans.factory.annotation.Value;
import io.channelbook.ui.config.ChannelbookProperties;
import io.channelbook.ui.standalone.readstore.ReadModelStoreBackend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.mongo.MongoConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.ReactiveHealthIndicator;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import reactor.core.publisher.Mono;

import com.mongodb.ConnectionString;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Without {@code spring.data.mongodb.uri} (env {@code SPRING_DATA_MONGODB_URI}), read models live in an in-process
 * MongoDB wire-protocol server (mongo-java-server) whose data is an H2 MVStore file under the data dir, bound to
 * 127.0.0.1 on a free port. Its backend keeps documents as BSON ({@link ReadModelStoreBackend}).
 */
@Configuration
@Profile("!distributed")
@ConditionalOnExpression("'${spring.data.mongodb.uri:}'.isEmpty()")
class EmbeddedMongoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongoConfiguration.class);

    /**
     * @param cacheMb the store's page cache (H2's default is 16 MB): documents and index pages it holds are read
     *                without reading and deserializing their pages from the file again (BENCHMARKS.md)
     */
    @Bean(destroyMethod = "shutdown")
    MongoServer embeddedMongoServer(ChannelbookProperties properties,
                                    @Value("${channelbook.read-model-store.cache-mb:128}") int cacheMb) {
        Path file = properties.dataDir().resolve("readmodels.mv");
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data dir " + file.getParent(), e);
        }
        MVStore store = new MVStore.Builder().fileName(file.toString()).cacheSize(cacheMb).open();
        MongoServer server = new MongoServer(new ReadModelStoreBackend(store));
        server.bind("127.0.0.1", 0);
        log.info("Embedded read-model store listening on {} with data in {}", server.getLocalAddress(), file.toAbsolutePath());
        return server;
    }

    /**
     * Replaces Boot's Mongo health check, which uses the {@code hello} command the embedded server does not know;
     * the bean name is the one Boot steps back for.
     */
    @Bean
    ReactiveHealthIndicator mongoHealthContributor(ReactiveMongoTemplate mongo) {
        return () -> mongo.executeCommand("{ ping: 1 }")
                .map(answer -> Health.up().withDetail("store", "embedded").build())
                .onErrorResume(error -> Mono.just(Health.down(error).build()));
    }

    @Bean
    MongoConnectionDetails embeddedMongoConnectionDetails(MongoServer embeddedMongoServer) {
        ConnectionString connectionString = new ConnectionString(
                "mongodb://127.0.0.1:" + embeddedMongoServer.getLocalAddress().getPort() + "/channelbook");
        return () -> connectionString;
    }
}
