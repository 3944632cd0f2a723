package io.channelbook.query.infrastructure;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.List;
import java.util.function.Function;

/**
 * Lets a projection apply a streaming processor's batch of events as one: state built at the batch's first event
 * (from all of the batch's events, to load what they will need at once), changed by each event, and written when the
 * last one has been handled. A streaming processor hands a batch over in one {@link BatchingUnitOfWork}, and only
 * events the processing group handles are in it, so the last event reaches the projection. Outside such a unit of
 * work (a test calling a handler, a subscribing processor) every event is a batch of its own.
 * <p>
 * The write happens inside the handling of the last event, so it fails the batch if it fails: the processor then
 * retries the whole batch (see {@link ProjectionProcessors}), which idempotent projections absorb.
 */
public final class ProcessorBatches {

    private ProcessorBatches() {
    }

    /**
     * The state of the batch being handled, made by {@code create} from the batch's events at its first event.
     *
     * @param key a key naming the projection's batch state (one per projection)
     */
    public static <B> B current(String key, Function<List<? extends EventMessage<?>>, B> create) {
        if (!CurrentUnitOfWork.isStarted()) {
            return create.apply(List.of());
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        return unitOfWork.root().getOrComputeResource(key, ignored -> create.apply(events(unitOfWork)));
    }

    /**
     * Whether the event being handled is the last of its batch, so the caller writes now; the batch's state is then
     * forgotten, and the next event starts a new batch.
     */
    public static boolean endOfBatch(String key) {
        if (!CurrentUnitOfWork.isStarted()) {
            return true;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        if (unitOfWork instanceof BatchingUnitOfWork<?> batching && !batching.isLastMessage()) {
            return false;
        }
        unitOfWork.root().resources().remove(key);
        return true;
    }

    private static List<? extends EventMessage<?>> events(UnitOfWork<?> unitOfWork) {
        if (unitOfWork instanceof BatchingUnitOfWork<?> batching) {
            return batching.getMessages().stream()
                    .filter(EventMessage.class::isInstance)
                    .map(message -> (EventMessage<?>) message)
                    .toList();
        }
        return unitOfWork.getMessage() instanceof EventMessage<?> event ? List.of(event) : List.of();
    }
}
