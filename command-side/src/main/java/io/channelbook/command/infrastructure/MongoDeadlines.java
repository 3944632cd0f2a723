package io.channelbook.command.infrastructure;

import com.mongodb.client.MongoClient;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.deadline.jobrunr.JobRunrDeadlineManager;
import org.axonframework.messaging.ScopeAwareProvider;
import org.axonframework.messaging.ScopeDescriptor;
import org.axonframework.serialization.Serializer;
import org.jobrunr.configuration.JobRunr;
import org.jobrunr.configuration.JobRunrConfiguration;
import org.jobrunr.scheduling.JobScheduler;
import org.jobrunr.server.BackgroundJobServerConfiguration;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.storage.nosql.mongo.MongoDBStorageProvider;
import org.jobrunr.utils.mapper.jackson.JacksonJsonMapper;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Durable deadlines for the distributed command side, which has MongoDB but no SQL database: Axon's
 * {@link JobRunrDeadlineManager} with JobRunr keeping its jobs in MongoDB. A deadline scheduled before a restart
 * fires after it (on whichever command-side instance's job server picks it up first).
 */
public final class MongoDeadlines implements AutoCloseable {

    private final JobRunrDeadlineManager deadlineManager;

    private MongoDeadlines(JobRunrDeadlineManager deadlineManager) {
        this.deadlineManager = deadlineManager;
    }

    /**
     * Starts JobRunr's job server on the given database and a deadline manager on it.
     *
     * @param pollInterval how often the job server looks for due jobs (JobRunr allows 5 s at least): the delay a
     *                     deadline may fire late by
     */
    public static MongoDeadlines start(MongoClient mongoClient, String database, ScopeAwareProvider scopes,
                                       Serializer serializer, TransactionManager transactionManager,
                                       Duration pollInterval) {
        return start(new MongoDBStorageProvider(mongoClient, database), scopes, serializer, transactionManager,
                pollInterval);
    }

    /** As above, on a storage provider set up by the caller. */
    static MongoDeadlines start(StorageProvider storage, ScopeAwareProvider scopes, Serializer serializer,
                                TransactionManager transactionManager, Duration pollInterval) {
        AtomicReference<JobRunrDeadlineManager> manager = new AtomicReference<>();
        JobRunrConfiguration.JobRunrConfigurationResult jobRunr = JobRunr.configure()
                .useJsonMapper(new JacksonJsonMapper())
                .useStorageProvider(storage)
                // the jobs are calls on the deadline manager: JobRunr runs them on this one
                .useJobActivator(new org.jobrunr.server.JobActivator() {
                    @Override
                    @SuppressWarnings("unchecked")
                    public <T> T activateJob(Class<T> type) {
                        return type.isInstance(manager.get()) ? (T) manager.get() : null;
                    }
                })
                .useBackgroundJobServer(BackgroundJobServerConfiguration.usingStandardBackgroundJobServerConfiguration()
                        .andPollInterval(pollInterval))
                .initialize();
        JobScheduler scheduler = jobRunr.getJobScheduler();
        manager.set(new BestEffortCancellation(JobRunrDeadlineManager.builder()
                .jobScheduler(scheduler)
                .scopeAwareProvider(scopes)
                .serializer(serializer)
                .transactionManager(transactionManager)));
        return new MongoDeadlines(manager.get());
    }

    /**
     * JobRunr's free edition cannot cancel deadlines by name (only by schedule id, which the aggregates do not keep).
     * Cancelling by name is therefore a no-op here; that is safe because every deadline handler of Channelbook checks
     * its payload against the aggregate's state (a protection deadline carries the window's end, a hold the entry's
     * status) and ignores a deadline that no longer applies.
     */
    static final class BestEffortCancellation extends JobRunrDeadlineManager {

        BestEffortCancellation(Builder builder) {
            super(builder);
        }

        @Override
        public void cancelAll(String deadlineName) {
            // stale deadlines are ignored by their handlers
        }

        @Override
        public void cancelAllWithinScope(String deadlineName, ScopeDescriptor scope) {
            // stale deadlines are ignored by their handlers
        }
    }

    public JobRunrDeadlineManager deadlineManager() {
        return deadlineManager;
    }

    @Override
    public void close() {
        deadlineManager.shutdown();
        JobRunr.destroy();
    }
}
