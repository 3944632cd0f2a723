package io.channelbook.query.infrastructure;

import com.mongodb.MongoClientSettings;
import com.mongodb.connection.TransportSettings;
import com.mongodb.reactivestreams.client.MongoClient;
import io.channelbook.query.ledger.LedgerDocumentWriters;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.mongo.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.autoconfigure.mongo.ReactiveMongoClientFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.convert.MongoCustomConversions;

import java.util.ArrayList;
import java.util.List;

/**
 * How the read models' MongoDB client talks and maps, in both runtime modes.
 * <ul>
 * <li>The reactive client (projections and queries) uses the driver's own asynchronous socket transport, not Netty's.
 * Spring Boot switches the drivers to Netty whenever Netty is on the class path (it is, for WebFlux); the driver then
 * encodes every document byte by byte into Netty's reference-counted, byte-order-swapped buffers, which took 11% of
 * all CPU in the profile of a ledger rebuild (BENCHMARKS.md, session 8). The asynchronous transport writes into
 * plain {@link java.nio.ByteBuffer}s. This is Boot's own reactive client bean with one more customizer, applied
 * last; the synchronous client of the token store (which cannot use that transport) keeps Boot's choice.
 * <li>The application's custom conversions (Boot uses this bean instead of its empty default): the ledger's
 * hand-written writers ({@link LedgerDocumentWriters}).
 * </ul>
 */
@Configuration
class ReadModelMongoConfiguration {

    @Bean
    MongoClient reactiveStreamsMongoClient(ObjectProvider<MongoClientSettingsBuilderCustomizer> customizers,
                                           MongoClientSettings settings) {
        List<MongoClientSettingsBuilderCustomizer> all = new ArrayList<>(customizers.orderedStream().toList());
        all.add(builder -> builder.transportSettings(TransportSettings.asyncBuilder().build()));
        return new ReactiveMongoClientFactory(all).createMongoClient(settings);
    }

    @Bean
    MongoCustomConversions mongoCustomConversions() {
        return new MongoCustomConversions(LedgerDocumentWriters.all());
    }
}
