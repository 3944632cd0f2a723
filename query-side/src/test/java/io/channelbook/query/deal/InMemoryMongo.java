package io.channelbook.query.deal;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

import java.util.concurrent.atomic.AtomicInteger;

/** A real Mongo wire-protocol server in memory, with a template on it. */
final class InMemoryMongo implements AutoCloseable {

    private final MongoServer server = new MongoServer(new MemoryBackend());
    private final AtomicInteger finds = new AtomicInteger();
    private final MongoClient client = MongoClients.create(MongoClientSettings.builder()
            .applyConnectionString(new ConnectionString(server.bindAndGetConnectionString()))
            .addCommandListener(new CommandListener() {
                @Override
                public void commandStarted(CommandStartedEvent event) {
                    if (event.getCommandName().equals("find")) {
                        finds.incrementAndGet();
                    }
                }
            }).build());
    final ReactiveMongoTemplate template = new ReactiveMongoTemplate(client, "test");

    /** How many find commands the server was sent so far. */
    int finds() {
        return finds.get();
    }

    long count(String collection) {
        return template.count(new Query(), collection).blockOptional().orElse(0L);
    }

    /** Every document of the collection, in {@code _id} order. */
    java.util.List<org.bson.Document> all(String collection) {
        return template.find(new Query().with(org.springframework.data.domain.Sort.by("_id")),
                org.bson.Document.class, collection).collectList().block();
    }

    @Override
    public void close() {
        client.close();
        server.shutdownNow();
    }
}
