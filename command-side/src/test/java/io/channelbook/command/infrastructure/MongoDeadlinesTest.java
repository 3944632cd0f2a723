package io.channelbook.command.infrastructure;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.ScopeAware;
import org.axonframework.messaging.ScopeAwareProvider;
import org.axonframework.messaging.ScopeDescriptor;
import org.axonframework.serialization.json.JacksonSerializer;
import org.jobrunr.storage.StorageProviderUtils.DatabaseOptions;
import org.jobrunr.storage.nosql.mongo.MongoDBStorageProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Deadlines of the distributed command side on a real MongoDB wire-protocol server: one scheduled by a deadline
 * manager that then stops fires through the next one started on the same database, as after a restart.
 */
class MongoDeadlinesTest {

    private MongoServer server;
    private MongoClient client;
    private final List<DeadlineMessage<?>> fired = new CopyOnWriteArrayList<>();

    /** A scope that records what is delivered to it, standing in for an aggregate with a deadline handler. */
    private final ScopeAwareProvider scopes = new ScopeAwareProvider() {
        @Override
        public Stream<ScopeAware> provideScopeAwareStream(ScopeDescriptor descriptor) {
            return Stream.of(new ScopeAware() {
                @Override
                public void send(Message<?> message, ScopeDescriptor scope) {
                    fired.add((DeadlineMessage<?>) message);
                }

                @Override
                public boolean canResolve(ScopeDescriptor scope) {
                    return scope instanceof TestScope;
                }
            });
        }
    };

    record TestScope(String id) implements ScopeDescriptor {
        @Override
        public String scopeDescription() {
            return "test scope " + id;
        }
    }

    record Due(String what) {
    }

    @BeforeEach
    void startMongo() {
        server = new MongoServer(new MemoryBackend());
        // as Spring Boot configures its client: UUIDs in the Java legacy representation
        client = MongoClients.create("mongodb://" + hostAndPort(server.bind()) + "/?uuidRepresentation=javaLegacy");
    }

    @AfterEach
    void stopMongo() {
        client.close();
        server.shutdownNow();
    }

    private static String hostAndPort(java.net.InetSocketAddress address) {
        return address.getHostString() + ":" + address.getPort();
    }

    private MongoDeadlines start() {
        // mongo-java-server cannot drop indexes by name, which JobRunr's schema migrations do: the collections are
        // created on first use instead (against a real MongoDB the public start() runs the migrations)
        return MongoDeadlines.start(new MongoDBStorageProvider(client, "channelbook", DatabaseOptions.NO_VALIDATE),
                scopes, JacksonSerializer.defaultSerializer(), NoTransactionManager.instance(), Duration.ofSeconds(5));
    }

    @Test
    void deadlineScheduledBeforeARestartFiresAfterIt() {
        try (MongoDeadlines before = start()) {
            before.deadlineManager().schedule(Instant.now().plusSeconds(2), "hold-ends", new Due("entry-1"),
                    new TestScope("ledger-p-1"));
        }
        assertThat(fired).isEmpty();

        try (MongoDeadlines after = start()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> !fired.isEmpty());
            assertThat(fired).singleElement().satisfies(deadline -> {
                assertThat(deadline.getDeadlineName()).isEqualTo("hold-ends");
                assertThat(deadline.getPayload()).isEqualTo(new Due("entry-1"));
            });
        }
    }

    @Test
    void cancellingByNameIsANoOpAndTheDeadlineStillArrives() {
        try (MongoDeadlines deadlines = start()) {
            TestScope scope = new TestScope("deal-1");
            deadlines.deadlineManager().schedule(Instant.now().plusSeconds(1), "expiry", new Due("deal-1"), scope);
            deadlines.deadlineManager().cancelAllWithinScope("expiry", scope);
            await().atMost(Duration.ofSeconds(30)).until(() -> !fired.isEmpty());
            assertThat(fired).extracting(DeadlineMessage::getDeadlineName).containsExactly("expiry");
        }
    }
}
