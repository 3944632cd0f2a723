package io.channelbook.query.infrastructure;

import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

import java.util.List;
import java.util.function.Consumer;

/** Hands messages to a handler as a streaming event processor hands over a batch: in one batching unit of work. */
public final class ProcessorBatch {

    private ProcessorBatch() {
    }

    public static <M extends Message<?>> void handle(List<M> messages, Consumer<M> handler) {
        handle(messages, handler, () -> {
        });
    }

    /** As above; {@code afterEachButTheLast} runs after every message of the batch but its last. */
    @SuppressWarnings("unchecked")
    public static <M extends Message<?>> void handle(List<M> messages, Consumer<M> handler,
                                                      Runnable afterEachButTheLast) {
        new BatchingUnitOfWork<>(messages).executeWithResult(() -> {
            BatchingUnitOfWork<M> unitOfWork = (BatchingUnitOfWork<M>) CurrentUnitOfWork.get();
            handler.accept(unitOfWork.getMessage());
            if (!unitOfWork.isLastMessage()) {
                afterEachButTheLast.run();
            }
            return null;
        });
    }
}
