package io.channelbook.command;

import org.springframework.boot.builder.SpringApplicationBuilder;
import com.mongodb.client.MongoClient;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Value;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.SimpleDeadlineManager;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** The command side as its own service (distributed mode, connected to Axon Server). */
@SpringBootApplication
public class CommandSideApplication {

    /**
     * Deadlines in the distributed mode. Not durable: this service has no SQL database for Axon's db-scheduler
     * deadline manager (the standalone mode has one), so a restart forgets pending expiries until the next decision
     * about the customer re-checks the window. Known limitation, see README.
     */
    @Bean
    DeadlineManager deadlineManager(org.axonframework.config.Configuration configuration) {
        return SimpleDeadlineManager.builder()
                .scopeAwareProvider(new ConfigurationScopeAwareProvider(configuration))
                .build();
    }

    /**
     * The commission process manager's tracking token. Axon Server keeps events, not tokens, so this service keeps
     * its one token in the program's MongoDB ({@code SPRING_DATA_MONGODB_URI}), like the query side does.
     */
    @Bean
    TokenStore tokenStore(MongoClient mongoClient, Serializer serializer,
                          @Value("${spring.data.mongodb.database:channelbook}") String database) {
        return MongoTokenStore.builder()
                .mongoTemplate(DefaultMongoTemplate.builder().mongoDatabase(mongoClient, database).build())
                .serializer(serializer)
                .build();
    }

    public static void main(String[] args) {
        new SpringApplicationBuilder(CommandSideApplication.class)
                .properties("spring.config.name=command-side")
                .profiles("distributed")
                .run(args);
    }
}
