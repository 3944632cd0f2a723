package io.channelbook.command.ledger;

import io.channelbook.api.deal.CloseSource;
import io.channelbook.api.deal.DealAmountChangedEvent;
import io.channelbook.api.deal.DealClosedWonEvent;
import io.channelbook.api.deal.DealRefundedEvent;
import io.channelbook.api.deal.DealTouch;
import io.channelbook.api.deal.SubscriptionPeriodBilledEvent;
import io.channelbook.api.deal.TouchType;
import io.channelbook.api.ledger.AccrueDealCommissionCommand;
import io.channelbook.api.ledger.AccrueRecurringCommissionCommand;
import io.channelbook.api.ledger.BookCommissionShareCommand;
import io.channelbook.api.ledger.CommissionShareAllocatedEvent;
import io.channelbook.api.ledger.ReverseDealCommissionCommand;
import io.channelbook.api.money.Money;
import io.channelbook.command.DomainRuleViolation;
import io.channelbook.command.infrastructure.DomainErrorTranslator;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The commission process manager on a real command bus: which commands each deal or ledger event leads to, that a
 * refusal by the domain is skipped and that a technical failure propagates (so its processor retries the event).
 */
class CommissionProcessManagerTest {

    private static final LocalDate CLOSED = LocalDate.parse("2026-11-20");

    private final List<Object> sent = new CopyOnWriteArrayList<>();
    private final List<MetaData> sentMetaData = new CopyOnWriteArrayList<>();
    private Function<Object, Object> answer = command -> null;
    private CommissionProcessManager processManager;

    @BeforeEach
    void setUp() {
        SimpleCommandBus bus = SimpleCommandBus.builder().build();
        bus.registerHandlerInterceptor(new DomainErrorTranslator());
        for (Class<?> type : List.of(AccrueDealCommissionCommand.class, BookCommissionShareCommand.class,
                ReverseDealCommissionCommand.class, AccrueRecurringCommissionCommand.class)) {
            bus.subscribe(type.getName(), (CommandMessage<?> message) -> {
                sent.add(message.getPayload());
                sentMetaData.add(message.getMetaData());
                return answer.apply(message.getPayload());
            });
        }
        processManager = new CommissionProcessManager(DefaultCommandGateway.builder().commandBus(bus).build());
    }

    private static Money eur(long cents) {
        return Money.ofMinor(cents, "EUR");
    }

    @Test
    void wonDealIsAccruedInTheRegistrantsLedgerWithItsCreditedTouches() {
        List<DealTouch> touches = List.of(new DealTouch("sourced", "p-1", TouchType.SOURCED, null, true),
                new DealTouch("t-1", "p-2", TouchType.INFLUENCED, null, true));
        processManager.on(new DealClosedWonEvent("d-1", "p-1", "acme.com", eur(1_000_00), CLOSED, List.of(),
                CloseSource.MANUAL, touches));

        assertThat(sent).containsExactly(new AccrueDealCommissionCommand("ledger-p-1", "p-1", "d-1", eur(1_000_00),
                CLOSED, List.of(), touches));
    }

    @Test
    void allocatedShareIsBookedInTheOtherPartnersLedger() {
        processManager.on(new CommissionShareAllocatedEvent("ledger-p-1", "p-1", "d-1", "p-2", "e-9", eur(30_00),
                eur(1_000_00), CLOSED, "2026-11", 30, null));

        assertThat(sent).containsExactly(new BookCommissionShareCommand("ledger-p-2", "p-2", "d-1", "e-9",
                eur(30_00), eur(1_000_00), CLOSED, "2026-11", 30, null));
    }

    @Test
    void refundAndAmountChangeAreReversedInEveryCreditedLedger() {
        processManager.on(new DealRefundedEvent("d-1", "p-1", eur(100_00), eur(250_00), "CN-2", CloseSource.CRM,
                eur(1_000_00), List.of("p-1", "p-2")));
        processManager.on(new DealAmountChangedEvent("d-1", "p-1", eur(1_000_00), eur(800_00), CloseSource.CRM,
                eur(250_00), List.of("p-1")));

        assertThat(sent).containsExactly(
                new ReverseDealCommissionCommand("ledger-p-1", "p-1", "d-1", eur(1_000_00), eur(250_00), "Refund CN-2"),
                new ReverseDealCommissionCommand("ledger-p-2", "p-2", "d-1", eur(1_000_00), eur(250_00), "Refund CN-2"),
                new ReverseDealCommissionCommand("ledger-p-1", "p-1", "d-1", eur(800_00), eur(250_00),
                        "Deal amount changed from 1000.00 EUR to 800.00 EUR"));
    }

    @Test
    void billedPeriodAccruesItsRecurringCommission() {
        processManager.on(new SubscriptionPeriodBilledEvent("d-1", "p-1", "Platform", 2, eur(500_00), CLOSED,
                CLOSED.plusMonths(1), CloseSource.CRM));

        assertThat(sent).containsExactly(new AccrueRecurringCommissionCommand("ledger-p-1", "p-1", "d-1", "Platform",
                2, eur(500_00), CLOSED, CLOSED.plusMonths(1)));
    }

    @Test
    void aDomainRefusalIsSkippedButATechnicalFailurePropagates() {
        DealClosedWonEvent won = new DealClosedWonEvent("d-1", "p-1", "acme.com", eur(1_000_00), CLOSED, List.of(),
                CloseSource.MANUAL, List.of());
        answer = command -> {
            throw DomainRuleViolation.notFound("partner_not_found", "Partner p-1 does not exist");
        };
        processManager.on(won);
        assertThat(sent).hasSize(1);

        answer = command -> {
            throw new IllegalStateException("database down");
        };
        assertThatThrownBy(() -> processManager.on(won)).hasMessageContaining("database down");
    }

    /**
     * A processor stores its token in its unit of work's prepare-commit step, registered before the handler runs. A
     * command sent in a nested unit of work would have its events appended after that (a crash in between loses the
     * accrual); the process manager sends each command in a unit of work of its own, committed first.
     */
    @Test
    void eachCommandCommitsBeforeTheProcessorStoresItsTokenAndCarriesTheEventsCorrelationData() {
        DealClosedWonEvent won = new DealClosedWonEvent("d-1", "p-1", "acme.com", eur(1_000_00), CLOSED, List.of(),
                CloseSource.MANUAL, List.of());
        List<String> order = new CopyOnWriteArrayList<>();
        answer = command -> {
            UnitOfWork<?> handling = CurrentUnitOfWork.get();
            order.add(handling.isRoot() ? "command in a unit of work of its own" : "command nested");
            handling.afterCommit(u -> order.add("command committed"));
            return null;
        };
        DefaultUnitOfWork<?> processing = DefaultUnitOfWork.startAndGet(
                GenericEventMessage.asEventMessage(won).andMetaData(MetaData.with("actorId", "user:finance")));
        processing.registerCorrelationDataProvider(new SimpleCorrelationDataProvider("actorId"));
        processing.onPrepareCommit(u -> order.add("token stored"));

        processManager.on(won);

        assertThat(CurrentUnitOfWork.get()).isSameAs(processing);
        processing.commit();
        assertThat(order).containsExactly("command in a unit of work of its own", "command committed", "token stored");
        assertThat(sentMetaData).singleElement().satisfies(metaData ->
                assertThat(metaData).containsEntry("actorId", "user:finance"));
    }

    @Test
    void aFailedCommandLeavesTheProcessorsUnitOfWorkCurrent() {
        answer = command -> {
            throw new IllegalStateException("database down");
        };
        DefaultUnitOfWork<?> processing = DefaultUnitOfWork.startAndGet(null);
        assertThatThrownBy(() -> processManager.on(new DealClosedWonEvent("d-1", "p-1", "acme.com", eur(1_000_00),
                CLOSED, List.of(), CloseSource.MANUAL, List.of()))).hasMessageContaining("database down");
        assertThat(CurrentUnitOfWork.get()).isSameAs(processing);
        processing.rollback();
    }
}
