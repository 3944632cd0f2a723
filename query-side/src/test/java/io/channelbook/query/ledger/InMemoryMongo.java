package io.channelbook.query.ledger;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

import java.util.List;

/** A real Mongo wire-protocol server in memory, with a template on it. */
public final class InMemoryMongo implements AutoCloseable {

    private final MongoServer server = new MongoServer(new MemoryBackend());
    private final MongoClient client = MongoClients.create(server.bindAndGetConnectionString());
    public final ReactiveMongoTemplate template = new ReactiveMongoTemplate(client, "test");

    /** Every document of a collection as raw BSON, by id. */
    public List<Document> all(String collection) {
        return template.find(new Query().with(Sort.by("_id")), Document.class, collection).collectList().block();
    }

    @Override
    public void close() {
        client.close();
        server.shutdownNow();
    }
}
