package io.channelbook.query.deal;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

/** A real Mongo wire-protocol server in memory, with a template on it. */
final class InMemoryMongo implements AutoCloseable {

    private final MongoServer server = new MongoServer(new MemoryBackend());
    private final MongoClient client = MongoClients.create(server.bindAndGetConnectionString());
    final ReactiveMongoTemplate template = new ReactiveMongoTemplate(client, "test");

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
