package io.channelbook.query.ledger;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.SimpleReactiveMongoDatabaseFactory;
import org.springframework.data.mongodb.core.convert.MappingMongoConverter;
import org.springframework.data.mongodb.core.convert.MongoCustomConversions;
import org.springframework.data.mongodb.core.convert.NoOpDbRefResolver;
import org.springframework.data.mongodb.core.mapping.MongoMappingContext;
import org.springframework.data.mongodb.core.query.Query;

import java.util.List;

/**
 * A real Mongo wire-protocol server in memory, with a template on it that maps as the application's does (with the
 * ledger's hand-written writers, {@link LedgerDocumentWriters}).
 */
public final class InMemoryMongo implements AutoCloseable {

    private final MongoServer server = new MongoServer(new MemoryBackend());
    private final MongoClient client = MongoClients.create(server.bindAndGetConnectionString());
    public final ReactiveMongoTemplate template = new ReactiveMongoTemplate(
            new SimpleReactiveMongoDatabaseFactory(client, "test"), mapping(LedgerDocumentWriters.all()));

    /** Every document of a collection as raw BSON, by id. */
    public List<Document> all(String collection) {
        return template.find(new Query().with(Sort.by("_id")), Document.class, collection).collectList().block();
    }

    /** A mapping converter with these custom converters, set up as Spring Boot sets up the application's. */
    static MappingMongoConverter mapping(List<?> converters) {
        MongoCustomConversions conversions = new MongoCustomConversions(converters);
        MongoMappingContext context = new MongoMappingContext();
        context.setSimpleTypeHolder(conversions.getSimpleTypeHolder());
        context.afterPropertiesSet();
        MappingMongoConverter converter = new MappingMongoConverter(NoOpDbRefResolver.INSTANCE, context);
        converter.setCustomConversions(conversions);
        converter.afterPropertiesSet();
        return converter;
    }

    @Override
    public void close() {
        client.close();
        server.shutdownNow();
    }
}
