package io.channelbook.ui.standalone;

import io.channelbook.command.CommandSideConfiguration;
import io.channelbook.query.QuerySideConfiguration;
import io.channelbook.ui.config.ChannelbookProperties;
import com.github.kagkarlsson.scheduler.Scheduler;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.deadline.DeadlineManagerSpanFactory;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventTableFactory;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcSQLErrorCodesResolver;
import org.axonframework.eventsourcing.eventstore.jdbc.PostgresEventTableFactory;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Profile;

import javax.sql.DataSource;

/**
 * The standalone mode: one JVM hosts the web edge, the command side and the query side on Axon's local buses.
 * Events go to Axon's JDBC storage engine (an H2 file under the data dir by default, PostgreSQL by configuration).
 */
@Configuration
@Profile("!distributed")
@Import({CommandSideConfiguration.class, QuerySideConfiguration.class})
class StandaloneConfiguration {

    @Bean
    ConnectionProvider connectionProvider(DataSource dataSource) {
        return new UnitOfWorkAwareConnectionProviderWrapper(new SpringDataSourceConnectionProvider(dataSource));
    }

    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver(DataSource dataSource) {
        return new JdbcSQLErrorCodesResolver();
    }

    @Bean
    EventStorageEngine eventStorageEngine(Serializer defaultSerializer,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          PersistenceExceptionResolver persistenceExceptionResolver,
                                          org.axonframework.config.Configuration configuration,
                                          ConnectionProvider connectionProvider,
                                          TransactionManager transactionManager,
                                          DataSourceProperties dataSource,
                                          ChannelbookProperties properties) {
        int gapTimeout = Math.toIntExact(properties.eventStore().gapTimeout().toMillis());
        int maxGapOffset = properties.eventStore().maxGapOffset();
        long lowestGlobalSequence = 1;
        JdbcEventStorageEngine.Builder builder = JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .eventSerializer(eventSerializer)
                .upcasterChain(configuration.upcasterChain())
                .snapshotFilter(configuration.snapshotFilter())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .gapTimeout(gapTimeout)
                .maxGapOffset(maxGapOffset)
                .batchSize(properties.eventStore().readBatchSize())
                .lowestGlobalSequence(lowestGlobalSequence)
                .readEventDataWithGaps(IndexedGapQuery.INSTANCE);
        JdbcEventStorageEngine engine = new TimestampOnceJdbcEventStorageEngine(builder, gapTimeout, maxGapOffset,
                lowestGlobalSequence, properties.eventStore().readAhead());
        engine.createSchema(tableFactory(dataSource.determineUrl()));
        return engine;
    }

    /**
     * The table of Axon's db-scheduler deadline manager: protection expiry and reminders are rows here, so they fire
     * after a restart too. Created before the scheduler starts polling (it waits for the context to be ready).
     */
    @Bean
    DeadlineTable deadlineTable(DataSource dataSource, DataSourceProperties properties) {
        return DeadlineTable.create(dataSource, DatabaseDriver.fromJdbcUrl(properties.determineUrl()) == DatabaseDriver.POSTGRESQL);
    }

    /** Durable deadlines on the {@link DeadlineTable}, cancelled by name without a scan (see the class). */
    @Bean
    StandaloneDeadlines deadlineManager(Scheduler scheduler, org.axonframework.config.Configuration configuration,
                                        @Qualifier("eventSerializer") Serializer serializer,
                                        TransactionManager transactionManager,
                                        DeadlineManagerSpanFactory spanFactory) {
        return StandaloneDeadlines.create(scheduler, configuration, serializer, transactionManager, spanFactory);
    }

    private static EventTableFactory tableFactory(String jdbcUrl) {
        return DatabaseDriver.fromJdbcUrl(jdbcUrl) == DatabaseDriver.POSTGRESQL
                ? PostgresEventTableFactory.INSTANCE
                : H2EventTableFactory.INSTANCE;
    }
}
