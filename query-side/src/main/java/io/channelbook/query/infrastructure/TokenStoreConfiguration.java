package io.channelbook.query.infrastructure;

import com.mongodb.client.MongoClient;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Projections keep their tracking tokens in the same MongoDB as the read models they write. In the standalone mode
 * the embedded server persists both in one store that commits atomic snapshots, so after a crash a token is never
 * ahead of the documents it stands for; projections are idempotent, so replaying the last few events is harmless.
 * In the distributed mode there is no SQL database at all.
 */
@Configuration
class TokenStoreConfiguration {

    @Bean
    TokenStore tokenStore(MongoClient mongoClient, Serializer serializer,
                          @Value("${spring.data.mongodb.database:channelbook}") String database) {
        return MongoTokenStore.builder()
                .mongoTemplate(DefaultMongoTemplate.builder().mongoDatabase(mongoClient, database).build())
                .serializer(serializer)
                .build();
    }
}
