package io.channelbook.command.ledger;

import io.channelbook.api.ledger.AccrueDealCommissionCommand;
import io.channelbook.api.ledger.AccrueRecurringCommissionCommand;
import io.channelbook.api.ledger.AdjustLedgerCommand;
import io.channelbook.api.ledger.BookCommissionShareCommand;
import io.channelbook.api.ledger.LedgerIds;
import io.channelbook.api.ledger.RecordPayoutCommand;
import io.channelbook.api.ledger.ReverseDealCommissionCommand;
import io.channelbook.command.DomainRuleViolation;
import io.channelbook.command.commission.engine.PlanVersion;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.Optional;

/**
 * Commands on partner ledgers. They live outside the aggregate because a ledger is created by its first entry
 * (whatever kind it is) and because accruals first ask, in the same unit of work, which plan version applies
 * (assignments and versions read from their aggregates, so never from a lagging read model).
 */
@Component
class LedgerCommandHandler {

    private static final Logger log = LoggerFactory.getLogger(LedgerCommandHandler.class);

    private final Repository<PartnerLedger> ledgers;
    private final AccrualContext context;
    private final Clock clock;

    LedgerCommandHandler(Repository<PartnerLedger> ledgers, AccrualContext context, Clock clock) {
        this.ledgers = ledgers;
        this.context = context;
        this.clock = clock;
    }

    @CommandHandler
    void handle(AccrueDealCommissionCommand command, DeadlineManager deadlines) throws Exception {
        requireLedgerOf(command.ledgerId(), command.partnerId());
        String tier = context.tierOf(command.partnerId());
        Optional<PlanVersion> plan = context.planFor(command.partnerId(), tier, command.closeDate());
        if (plan.isEmpty()) {
            log.warn("Deal {} of partner {} closed on {}: no commission plan applies, nothing accrued",
                    command.registrationId(), command.partnerId(), command.closeDate());
            return;
        }
        ledger(command.ledgerId()).execute(ledger -> ledger.accrueDeal(command, plan.get(), tier, clock, deadlines));
    }

    @CommandHandler
    void handle(BookCommissionShareCommand command, DeadlineManager deadlines) throws Exception {
        requireLedgerOf(command.ledgerId(), command.partnerId());
        ledger(command.ledgerId()).execute(ledger -> ledger.bookShare(command, clock, deadlines));
    }

    @CommandHandler
    void handle(AccrueRecurringCommissionCommand command, DeadlineManager deadlines) throws Exception {
        requireLedgerOf(command.ledgerId(), command.partnerId());
        String tier = context.tierOf(command.partnerId());
        Optional<PlanVersion> plan = context.planFor(command.partnerId(), tier, command.closeDate());
        if (plan.isEmpty()) {
            log.warn("Deal {} billed period {} of {}: no commission plan applies, nothing accrued",
                    command.registrationId(), command.periodNumber(), command.product());
            return;
        }
        ledger(command.ledgerId())
                .execute(ledger -> ledger.accrueRecurring(command, plan.get(), tier, clock, deadlines));
    }

    /** A ledger that never accrued anything for the deal has nothing to reverse. */
    @CommandHandler
    void handle(ReverseDealCommissionCommand command) {
        requireLedgerOf(command.ledgerId(), command.partnerId());
        try {
            ledgers.load(command.ledgerId()).execute(ledger -> ledger.reverse(command));
        } catch (AggregateNotFoundException e) {
            log.debug("Ledger {} has no entries to reverse for deal {}", command.ledgerId(), command.registrationId());
        }
    }

    @CommandHandler
    void handle(AdjustLedgerCommand command) throws Exception {
        requireLedgerOf(command.ledgerId(), command.partnerId());
        context.tierOf(command.partnerId()); // refuses an unknown partner
        ledger(command.ledgerId()).execute(ledger -> ledger.adjust(command));
    }

    @CommandHandler
    void handle(RecordPayoutCommand command) throws Exception {
        requireLedgerOf(command.ledgerId(), command.partnerId());
        context.tierOf(command.partnerId()); // refuses an unknown partner
        ledger(command.ledgerId()).execute(ledger -> ledger.recordPayout(command, clock));
    }

    private Aggregate<PartnerLedger> ledger(String ledgerId) throws Exception {
        return ledgers.loadOrCreate(ledgerId, PartnerLedger::new);
    }

    private static void requireLedgerOf(String ledgerId, String partnerId) {
        if (partnerId == null || ledgerId == null || !ledgerId.equals(LedgerIds.ofPartner(partnerId))) {
            throw DomainRuleViolation.invalid("ledger_id_invalid",
                    "Ledger " + ledgerId + " is not the ledger of partner " + partnerId);
        }
    }
}
