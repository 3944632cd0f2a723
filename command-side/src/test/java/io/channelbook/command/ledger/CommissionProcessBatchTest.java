package io.channelbook.command.ledger;

import io.channelbook.api.deal.CloseSource;
import io.channelbook.api.deal.DealClosedWonEvent;
import io.channelbook.api.ledger.AccrueDealCommissionCommand;
import io.channelbook.api.money.Money;
import io.channelbook.command.CommandSideConfiguration;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The commission process in a real tracking processor, configured as the application configures it
 * ({@link CommandSideConfiguration}): events are handled in batches, each command is sent as its event is handled,
 * and a technical failure makes the processor handle the whole batch again from its first event, so no accrual is
 * lost (the commands sent twice are idempotent in the ledger).
 */
class CommissionProcessBatchTest {

    private static final LocalDate CLOSED = LocalDate.parse("2026-11-20");

    private final List<String> sent = new CopyOnWriteArrayList<>();
    private Configuration axon;

    @AfterEach
    void shutDown() {
        if (axon != null) {
            axon.shutdown();
        }
    }

    /**
     * Five won deals stored before the processor starts, so its first batch holds all of them; the accrual of the
     * third fails once, as if the event store were briefly away. With batches of 10 the processor handles the whole
     * batch again from its first event; with batches of one, only the failed event. Either way every deal accrues.
     */
    @ParameterizedTest(name = "batches of {0}")
    @MethodSource("retries")
    void aTechnicalFailureHandlesTheBatchAgainFromItsFirstEventAndLosesNoAccrual(int batchSize, List<String> sends) {
        AtomicBoolean failedOnce = new AtomicBoolean();
        start(batchSize, registrationId -> {
            if (registrationId.equals("d-3") && failedOnce.compareAndSet(false, true)) {
                throw new IllegalStateException("database down");
            }
        });
        publish(IntStream.rangeClosed(1, 5).mapToObj(n -> "d-" + n).toList());
        startProcessor();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(sent).containsExactlyElementsOf(sends));
        assertThat(failedOnce).isTrue();
    }

    static Stream<Arguments> retries() {
        return Stream.of(
                Arguments.of(10, List.of("d-1", "d-2", "d-3", "d-1", "d-2", "d-3", "d-4", "d-5")),
                Arguments.of(1, List.of("d-1", "d-2", "d-3", "d-3", "d-4", "d-5")));
    }

    private void start(int batchSize, Consumer<String> onAccrue) {
        SimpleCommandBus bus = SimpleCommandBus.builder().build();
        bus.subscribe(AccrueDealCommissionCommand.class.getName(), (CommandMessage<?> message) -> {
            String registrationId = ((AccrueDealCommissionCommand) message.getPayload()).registrationId();
            sent.add(registrationId);
            onAccrue.accept(registrationId);
            return null;
        });
        CommandSideConfiguration configuration = new CommandSideConfiguration();
        axon = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                .configureCommandBus(c -> bus)
                .eventProcessing(processing -> {
                    processing.registerEventHandler(c -> new CommissionProcessManager(c.commandGateway()));
                    configuration.configureCommissionProcess(processing, batchSize);
                })
                .buildConfiguration();
    }

    private void publish(List<String> deals) {
        axon.eventStore().publish(deals.stream()
                .map(id -> GenericEventMessage.asEventMessage(new DealClosedWonEvent(id, "p-1", id + ".example",
                        Money.ofMinor(1_000_00, "EUR"), CLOSED, List.of(), CloseSource.MANUAL, List.of())))
                .toList());
    }

    private void startProcessor() {
        axon.start();
        assertThat(axon.eventProcessingConfiguration()
                .eventProcessor(CommissionProcessManager.PROCESSING_GROUP, TrackingEventProcessor.class))
                .isPresent();
    }
}
