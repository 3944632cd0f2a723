package io.channelbook.command.ledger;

import io.channelbook.api.common.ErrorDetails;
import io.channelbook.api.deal.DealAmountChangedEvent;
import io.channelbook.api.deal.DealClosedWonEvent;
import io.channelbook.api.deal.DealRefundedEvent;
import io.channelbook.api.deal.SubscriptionPeriodBilledEvent;
import io.channelbook.api.ledger.AccrueDealCommissionCommand;
import io.channelbook.api.ledger.AccrueRecurringCommissionCommand;
import io.channelbook.api.ledger.BookCommissionShareCommand;
import io.channelbook.api.ledger.CommissionShareAllocatedEvent;
import io.channelbook.api.ledger.LedgerIds;
import io.channelbook.api.ledger.ReverseDealCommissionCommand;
import io.channelbook.api.money.Money;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The process manager between deals and ledgers: a won deal is accrued in its registrant's ledger, shares computed
 * there are booked in the other partners' ledgers, refunds and amount decreases are reversed in every credited
 * partner's ledger, billed subscription periods accrue their recurring commission.
 * <p>
 * It keeps no state of its own: every fact it needs travels in the events, and every command it sends is idempotent
 * (entry ids derive from what caused them), so at-least-once delivery is harmless. Each command commits on its own,
 * before the processor stores its token ({@link #send}). A tracking processor runs it; a
 * technical failure propagates, so the processor retries the event with back-off instead of skipping it. A command
 * the domain refuses (a rule, not an outage) would be refused again on every retry: it is logged as an error and
 * skipped, so one bad event cannot stop all accruals.
 */
@Component
@ProcessingGroup(CommissionProcessManager.PROCESSING_GROUP)
class CommissionProcessManager {

    static final String PROCESSING_GROUP = "commission-process";
    private static final Logger log = LoggerFactory.getLogger(CommissionProcessManager.class);

    private final CommandGateway commands;

    CommissionProcessManager(CommandGateway commands) {
        this.commands = commands;
    }

    @EventHandler
    void on(DealClosedWonEvent event) {
        send(new AccrueDealCommissionCommand(LedgerIds.ofPartner(event.partnerId()), event.partnerId(),
                event.registrationId(), event.amount(), event.closeDate(), event.lineItems(),
                event.acceptedTouches() == null ? List.of() : event.acceptedTouches()));
    }

    @EventHandler
    void on(CommissionShareAllocatedEvent event) {
        send(new BookCommissionShareCommand(LedgerIds.ofPartner(event.targetPartnerId()), event.targetPartnerId(),
                event.registrationId(), event.entryId(), event.amount(), event.dealAmount(), event.earnedOn(),
                event.period(), event.holdDays(), event.explanation()));
    }

    @EventHandler
    void on(DealRefundedEvent event) {
        reverse(event.registrationId(), event.partnerId(), event.creditedPartnerIds(), event.wonAmount(),
                event.totalRefunded(), "Refund " + event.reference());
    }

    @EventHandler
    void on(DealAmountChangedEvent event) {
        reverse(event.registrationId(), event.partnerId(), event.creditedPartnerIds(), event.newAmount(),
                event.totalRefunded(), "Deal amount changed from " + event.previousAmount() + " to " + event.newAmount());
    }

    @EventHandler
    void on(SubscriptionPeriodBilledEvent event) {
        send(new AccrueRecurringCommissionCommand(LedgerIds.ofPartner(event.partnerId()), event.partnerId(),
                event.registrationId(), event.product(), event.periodNumber(), event.billed(), event.closeDate(),
                event.billedOn()));
    }

    private void reverse(String registrationId, String registrant, List<String> credited, Money currentAmount,
                         Money totalRefunded, String reason) {
        List<String> partners = credited == null || credited.isEmpty() ? List.of(registrant) : credited;
        for (String partnerId : partners) {
            send(new ReverseDealCommissionCommand(LedgerIds.ofPartner(partnerId), partnerId, registrationId,
                    currentAmount, totalRefunded, reason));
        }
    }

    /**
     * Sends a command and waits until its events are stored, outside the processor's unit of work. Sent inside it,
     * the command's unit of work would be nested: its events would be appended only when the processor's batch
     * commits, after the processor stored its token (Axon runs the token's prepare-commit step first), and a crash
     * between the two would lose the accrual. Outside it, the events are durable before this returns; a crash before
     * the token is stored means the event is handled again, which the idempotent commands make harmless. The message
     * is created first, inside the processor's unit of work, so it carries the event's correlation data (actor, causation,
     * correlation).
     */
    private void send(Object command) {
        CommandMessage<?> message = GenericCommandMessage.asCommandMessage(command);
        UnitOfWork<?> processing = CurrentUnitOfWork.isStarted() ? CurrentUnitOfWork.get() : null;
        if (processing != null) {
            CurrentUnitOfWork.clear(processing);
        }
        try {
            commands.sendAndWait(message);
        } catch (CommandExecutionException e) {
            ErrorDetails details = e.getDetails().filter(ErrorDetails.class::isInstance)
                    .map(ErrorDetails.class::cast).orElse(null);
            if (details == null) {
                throw e;
            }
            log.error("Commission process: {} refused ({}: {}); skipped", command.getClass().getSimpleName(),
                    details.code(), details.message());
        } finally {
            if (processing != null) {
                CurrentUnitOfWork.set(processing);
            }
        }
    }
}
