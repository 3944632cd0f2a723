package io.channelbook.command;

import com.mongodb.client.MongoClient;
import io.channelbook.command.infrastructure.MongoDeadlines;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Bean;

import java.time.Duration;

/** The command side as its own service (distributed mode, connected to Axon Server). */
@SpringBootApplication
public class CommandSideApplication {

    /**
     * Deadlines in the distributed mode (protection reminders and expiry, commission holds, period-end rebates):
     * durable, kept by JobRunr in the program's MongoDB, so they fire after a restart of this service. JobRunr's job
     * server looks for due deadlines every {@code channelbook.deadlines.poll-interval} (5 s, JobRunr's minimum).
     */
    @Bean(destroyMethod = "close")
    MongoDeadlines mongoDeadlines(MongoClient mongoClient, org.axonframework.config.Configuration configuration,
                                  Serializer serializer, TransactionManager transactionManager,
                                  @Value("${spring.data.mongodb.database:channelbook}") String database,
                                  @Value("${channelbook.deadlines.poll-interval:5s}") Duration pollInterval) {
        return MongoDeadlines.start(mongoClient, database, new ConfigurationScopeAwareProvider(configuration),
                serializer, transactionManager, pollInterval);
    }

    @Bean
    DeadlineManager deadlineManager(MongoDeadlines deadlines) {
        return deadlines.deadlineManager();
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
