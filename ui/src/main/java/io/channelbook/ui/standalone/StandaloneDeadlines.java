package io.channelbook.ui.standalone;

import com.github.kagkarlsson.scheduler.Scheduler;
import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.deadline.DeadlineManagerSpanFactory;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.messaging.ScopeDescriptor;
import org.axonframework.serialization.Serializer;

/**
 * Axon's db-scheduler deadline manager (deadlines are rows of {@code scheduled_tasks} in the event store's database,
 * so they fire after a restart) without cancel-by-name.
 * <p>
 * db-scheduler can only cancel by instance id, so Axon's manager cancels by name by reading and deserializing every
 * scheduled row: each deal close paid O(open deadlines), the largest share of command CPU in the benchmark
 * (BENCHMARKS.md) and quadratic over a program's life. Here cancelling by name does nothing, as it does in the
 * distributed mode's JobRunr manager; that is safe because every deadline handler of Channelbook checks its payload
 * against the aggregate's state (a protection deadline carries the window's end, a hold the entry's status, a period
 * end its period) and ignores a deadline that no longer applies. A stale row fires once at its time and is gone.
 */
final class StandaloneDeadlines extends DbSchedulerDeadlineManager {

    private StandaloneDeadlines(Builder builder) {
        super(builder);
    }

    static StandaloneDeadlines create(Scheduler scheduler, Configuration configuration, Serializer serializer,
                                      TransactionManager transactionManager, DeadlineManagerSpanFactory spanFactory) {
        return new StandaloneDeadlines(DbSchedulerDeadlineManager.builder()
                .scheduler(scheduler)
                .scopeAwareProvider(new ConfigurationScopeAwareProvider(configuration))
                .serializer(serializer)
                .transactionManager(transactionManager)
                .spanFactory(spanFactory)
                // db-scheduler's Spring Boot starter starts and stops the scheduler
                .startScheduler(false)
                .stopScheduler(false));
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
