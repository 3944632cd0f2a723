package io.channelbook.command.ledger;

import io.channelbook.api.deal.DealTouch;
import io.channelbook.api.deal.TouchType;
import io.channelbook.api.ledger.AccrualExplanation;
import io.channelbook.api.ledger.AccrueDealCommissionCommand;
import io.channelbook.api.ledger.AccrueRecurringCommissionCommand;
import io.channelbook.api.ledger.AdjustLedgerCommand;
import io.channelbook.api.ledger.BookCommissionShareCommand;
import io.channelbook.api.ledger.CommissionAccruedEvent;
import io.channelbook.api.ledger.CommissionReleasedEvent;
import io.channelbook.api.ledger.CommissionReversedEvent;
import io.channelbook.api.ledger.CommissionShareAllocatedEvent;
import io.channelbook.api.ledger.DealRevenueRecordedEvent;
import io.channelbook.api.ledger.EntryKind;
import io.channelbook.api.ledger.EntryStatus;
import io.channelbook.api.ledger.LedgerAdjustedEvent;
import io.channelbook.api.ledger.LedgerIds;
import io.channelbook.api.ledger.PayoutRecordedEvent;
import io.channelbook.api.ledger.RecordPayoutCommand;
import io.channelbook.api.ledger.ReverseDealCommissionCommand;
import io.channelbook.api.money.Money;
import io.channelbook.command.DomainRuleViolation;
import io.channelbook.command.commission.engine.AccrualLine;
import io.channelbook.command.commission.engine.CommissionEngine;
import io.channelbook.command.commission.engine.DealFacts;
import io.channelbook.command.commission.engine.PartnerFacts;
import io.channelbook.command.commission.engine.PlanVersion;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import io.channelbook.command.infrastructure.AggregateCaches;
import org.axonframework.spring.stereotype.Aggregate;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One partner's earnings ledger: every entry it ever earned or lost, the state of each (pending, payable, paid, what
 * is left of it after reversals), its payable balance per currency, and its volume per counting period.
 * <p>
 * One aggregate per partner (rather than one per accrual) because the rules that need consistency are the partner's:
 * tiered bands and period caps count the partner's period volume and accruals in order; a payout settles payable
 * entries of many deals at once; a reversal of a paid entry is netted against the partner's later earnings. Each
 * entry still has its own id, hold deadline and reversals.
 * <p>
 * Entry ids are derived from what caused them (deal + engine line, adjustment id, ...; see {@link #entryId}), so
 * every command here is idempotent: the process manager that sends them may deliver one twice.
 */
@Aggregate(cache = AggregateCaches.PARTNER_LEDGERS)
class PartnerLedger {

    static final String HOLD_DEADLINE = "commission-hold";
    static final String PERIOD_END_DEADLINE = "commission-period-end";
    /** Client-chosen ids become parts of entry ids, which appear in URLs. */
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    private static final String ADJUSTMENT_PREFIX = "adjustment-";

    @AggregateIdentifier
    private String ledgerId;
    private String partnerId;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    /** Deal → the amount its entries here accrued on and those entries (ACCRUAL kind only). */
    private final Map<String, DealEntries> deals = new HashMap<>();
    /** "period|currency" → volume and accruals counted in it. */
    private final Map<String, PeriodTotals> periods = new HashMap<>();
    private final Map<String, Money> payable = new HashMap<>();
    private final List<String> releaseOrder = new ArrayList<>();
    private final Map<String, AdjustLedgerCommand> adjustments = new HashMap<>();
    private final Map<String, RecordPayoutCommand> payouts = new HashMap<>();

    PartnerLedger() {
        // for Axon's event sourcing, and for a partner's first entry (Repository.loadOrCreate)
    }

    // --- accruals ----------------------------------------------------------------------------------------------

    /** The registrant's ledger accrues a won deal under {@code plan}; a deal already accrued here changes nothing. */
    void accrueDeal(AccrueDealCommissionCommand command, PlanVersion plan, String tier, Clock clock,
                    DeadlineManager deadlines) {
        if (deals.containsKey(command.registrationId()) || revenueRecorded(command.registrationId())) {
            return;
        }
        String currency = command.amount().currency().getCurrencyCode();
        String period = CommissionEngine.periodOf(command.closeDate(), plan.terms().period());
        PeriodTotals totals = totals(period, currency, command.amount());
        PartnerFacts facts = facts(command.partnerId(), tier, plan, period, command.amount());
        List<DealTouch> touches = command.touches() == null || command.touches().isEmpty()
                ? List.of(new DealTouch("sourced", command.partnerId(), TouchType.SOURCED, null, true))
                : command.touches();
        List<AccrualLine> lines = CommissionEngine.accrueDeal(plan, new DealFacts(command.registrationId(),
                command.partnerId(), command.amount(), command.closeDate(), command.lineItems(), touches), facts);

        boolean firstInPeriod = totals.volume.signum() == 0;
        apply(new DealRevenueRecordedEvent(ledgerId(command.partnerId()), command.partnerId(),
                command.registrationId(), period, command.amount(), totals.volume.plus(command.amount())));
        if (firstInPeriod && hasRebates(plan)) {
            LocalDate end = CommissionEngine.periodEnd(period, plan.terms().period());
            deadlines.schedule(end.atStartOfDay(ZoneOffset.UTC).toInstant(), PERIOD_END_DEADLINE,
                    new PeriodEnds(period, currency, plan, tier));
        }
        for (AccrualLine line : lines) {
            String target = LedgerIds.ofPartner(line.partnerId());
            String entryId = entryId(target, "deal|" + command.registrationId() + "|" + line.lineKey());
            if (line.partnerId().equals(partnerId)) {
                accrue(entryId, line, command.registrationId(), command.closeDate(), period,
                        plan.terms().holdDays(), command.amount(), clock, deadlines);
            } else {
                apply(new CommissionShareAllocatedEvent(ledgerId, partnerId, command.registrationId(),
                        line.partnerId(), entryId, line.amount(), command.amount(), command.closeDate(), period,
                        plan.terms().holdDays(), line.explanation()));
            }
        }
    }

    /** Another partner's ledger computed this partner's share of a deal; booked once per entry id. */
    void bookShare(BookCommissionShareCommand command, Clock clock, DeadlineManager deadlines) {
        if (entries.containsKey(command.entryId())) {
            return;
        }
        if (ledgerId == null) {
            ledgerId = command.ledgerId(); // a first entry: the event below sets it for good
            partnerId = command.partnerId();
        }
        AccrualLine line = new AccrualLine(command.entryId(), command.partnerId(), EntryKind.ACCRUAL,
                command.amount(), command.explanation());
        accrue(command.entryId(), line, command.registrationId(), command.earnedOn(), command.period(),
                command.holdDays(), command.dealAmount(), clock, deadlines);
    }

    /** One billed period of a recurring line, accrued to the registrant (shares apply to one-off deal commission). */
    void accrueRecurring(AccrueRecurringCommissionCommand command, PlanVersion plan, String tier, Clock clock,
                         DeadlineManager deadlines) {
        String keyPrefix = "recurring|" + command.registrationId() + "|" + command.product() + "|"
                + command.periodNumber() + "|";
        String period = CommissionEngine.periodOf(command.billedOn(), plan.terms().period());
        PartnerFacts facts = facts(command.partnerId(), tier, plan, period, command.billed());
        DealFacts deal = new DealFacts(command.registrationId(), command.partnerId(), command.billed(),
                command.closeDate(), List.of(),
                List.of(new DealTouch("sourced", command.partnerId(), TouchType.SOURCED, null, true)));
        for (AccrualLine line : CommissionEngine.accrueRecurring(plan, deal, facts, command.product(),
                command.periodNumber(), command.billed())) {
            String entryId = entryId(ledgerId(command.partnerId()), keyPrefix + line.lineKey());
            if (line.partnerId().equals(command.partnerId()) && !entries.containsKey(entryId)) {
                accrue(entryId, line, command.registrationId(), command.billedOn(), period,
                        plan.terms().holdDays(), null, clock, deadlines);
            }
        }
    }

    private void accrue(String entryId, AccrualLine line, String registrationId, LocalDate earnedOn, String period,
                        int holdDays, Money dealAmount, Clock clock, DeadlineManager deadlines) {
        Instant now = clock.instant();
        Instant payableAt = now.plus(Duration.ofDays(holdDays));
        String id = ledgerId != null ? ledgerId : ledgerId(line.partnerId());
        apply(new CommissionAccruedEvent(id, line.partnerId(), entryId, line.kind(), registrationId, line.amount(),
                earnedOn, period, payableAt, line.explanation(), dealAmount));
        if (holdDays == 0) {
            apply(new CommissionReleasedEvent(id, line.partnerId(), entryId, line.amount()));
        } else {
            deadlines.schedule(payableAt, HOLD_DEADLINE, new HoldEnds(entryId));
        }
    }

    @DeadlineHandler(deadlineName = HOLD_DEADLINE)
    void on(HoldEnds due) {
        Entry entry = entries.get(due.entryId());
        if (entry != null && entry.status == EntryStatus.PENDING && entry.outstanding.signum() > 0) {
            apply(new CommissionReleasedEvent(ledgerId, partnerId, due.entryId(), entry.outstanding));
        }
    }

    @DeadlineHandler(deadlineName = PERIOD_END_DEADLINE)
    void on(PeriodEnds due, DeadlineManager deadlines, Clock clock) {
        PeriodTotals totals = periods.get(due.period() + "|" + due.currency());
        if (totals == null || totals.rebated) {
            return;
        }
        PartnerFacts facts = facts(partnerId, due.tier(), due.plan(), due.period(), totals.volume);
        LocalDate lastDay = CommissionEngine.periodEnd(due.period(), due.plan().terms().period()).minusDays(1);
        for (AccrualLine line : CommissionEngine.rebates(due.plan(), facts, due.period(), totals.volume)) {
            accrue(entryId(ledgerId, "rebate|" + due.period() + "|" + line.lineKey()), line, null, lastDay, due.period(),
                    due.plan().terms().holdDays(), null, clock, deadlines);
        }
    }

    // --- corrections -------------------------------------------------------------------------------------------

    /**
     * Brings each of this ledger's accruals on the deal to its share of what is left of the deal, at the accrual's
     * own rate: target = accrued × (amount − refunded) ÷ the amount it accrued on. Only decreases are booked (an
     * amount increase after close is not re-accrued automatically; finance adjusts). Recurring entries follow
     * their billed periods, not the deal amount, and are not reversed here.
     */
    void reverse(ReverseDealCommissionCommand command) {
        DealEntries deal = deals.get(command.registrationId());
        if (deal == null || command.currentAmount() == null || command.totalRefunded() == null) {
            return;
        }
        Money remaining = command.currentAmount().minus(command.totalRefunded());
        if (remaining.signum() < 0) {
            remaining = Money.zero(remaining.currency());
        }
        String reason = command.reason() == null || command.reason().isBlank() ? "Deal amount reduced" : command.reason();
        for (String entryId : deal.entryIds) {
            Entry entry = entries.get(entryId);
            Money target = CommissionEngine.remainingShare(entry.amount, remaining, deal.accruedOn);
            Money delta = target.minus(entry.outstanding);
            if (delta.signum() < 0) {
                int n = entry.reversals + 1;
                apply(new CommissionReversedEvent(ledgerId, partnerId, entryId(ledgerId, "reversal|" + entryId + "|" + n), entryId,
                        command.registrationId(), delta, entry.status, reason,
                        "Reversed " + delta.negate() + " of " + entry.amount + ": the deal now counts "
                                + remaining + " of the " + deal.accruedOn + " it accrued on (" + reason + ")"));
            }
        }
    }

    /** A manual correction; the adjustment id makes a retry harmless and a different reuse of it an error. */
    void adjust(AdjustLedgerCommand command) {
        if (command.adjustmentId() == null || !IDEMPOTENCY_KEY.matcher(command.adjustmentId()).matches()) {
            throw DomainRuleViolation.invalid("adjustment_id_invalid",
                    "An adjustment needs an id (idempotency key) of 1 to 100 letters, digits, '.', '_' or '-'");
        }
        if (command.reason() == null || command.reason().isBlank()) {
            throw DomainRuleViolation.invalid("reason_required", "An adjustment needs a reason");
        }
        if (command.amount() == null || command.amount().signum() == 0) {
            throw DomainRuleViolation.invalid("amount_invalid", "An adjustment needs a non-zero amount");
        }
        AdjustLedgerCommand earlier = adjustments.get(command.adjustmentId());
        if (earlier != null) {
            if (earlier.amount().equals(command.amount()) && earlier.reason().strip().equals(command.reason().strip())) {
                return;
            }
            throw DomainRuleViolation.conflict("idempotency_key_reused", "Adjustment " + command.adjustmentId()
                    + " was already recorded with a different amount or reason");
        }
        apply(new LedgerAdjustedEvent(ledgerId(command.partnerId()), command.partnerId(),
                ADJUSTMENT_PREFIX + command.adjustmentId(), command.amount(), command.reason().strip()));
    }

    /** A payout by hand: at most the payable balance; it settles payable entries oldest first. */
    void recordPayout(RecordPayoutCommand command, Clock clock) {
        if (command.payoutId() == null || !IDEMPOTENCY_KEY.matcher(command.payoutId()).matches()) {
            throw DomainRuleViolation.invalid("payout_id_invalid",
                    "A payout needs an id (idempotency key) of 1 to 100 letters, digits, '.', '_' or '-'");
        }
        if (command.amount() == null || command.amount().signum() <= 0) {
            throw DomainRuleViolation.invalid("amount_invalid", "A payout needs a positive amount");
        }
        if (command.reference() == null || command.reference().isBlank()) {
            throw DomainRuleViolation.invalid("reference_required", "A payout needs the payment's reference");
        }
        if (command.paidOn() == null) {
            throw DomainRuleViolation.invalid("paid_on_required", "A payout needs the date it was paid");
        }
        if (command.paidOn().isAfter(LocalDate.now(clock))) {
            throw DomainRuleViolation.invalid("paid_on_in_future", "A payout cannot be recorded before it is paid");
        }
        RecordPayoutCommand earlier = payouts.get(command.payoutId());
        if (earlier != null) {
            if (earlier.equals(command)) {
                return;
            }
            throw DomainRuleViolation.conflict("idempotency_key_reused",
                    "Payout " + command.payoutId() + " was already recorded with different details");
        }
        String currency = command.amount().currency().getCurrencyCode();
        Money available = payable.getOrDefault(currency, Money.zero(command.amount().currency()));
        if (command.amount().compareTo(available) > 0) {
            throw DomainRuleViolation.ruleViolated("payout_exceeds_payable",
                    "A payout of " + command.amount() + " exceeds the payable balance of " + available);
        }
        List<String> settled = new ArrayList<>();
        Money left = command.amount();
        for (String entryId : releaseOrder) {
            Entry entry = entries.get(entryId);
            if (entry.status == EntryStatus.PAYABLE && entry.currency().equals(currency)
                    && entry.outstanding.signum() > 0 && entry.outstanding.compareTo(left) <= 0) {
                settled.add(entryId);
                left = left.minus(entry.outstanding);
            }
        }
        apply(new PayoutRecordedEvent(ledgerId(command.partnerId()), command.partnerId(), command.payoutId(),
                command.amount(), command.reference().strip(), command.paidOn(), List.copyOf(settled)));
    }

    // --- helpers -----------------------------------------------------------------------------------------------

    /**
     * An entry's id: a name-based UUID of the ledger and what caused the entry (deal and engine line, reversal
     * number, period), so a redelivered command finds the entry it already made, and the id is safe in a URL.
     */
    static String entryId(String ledgerId, String cause) {
        return UUID.nameUUIDFromBytes((ledgerId + "|" + cause).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private boolean revenueRecorded(String registrationId) {
        return deals.containsKey(registrationId);
    }

    private String ledgerId(String partner) {
        return ledgerId != null ? ledgerId : LedgerIds.ofPartner(partner);
    }

    private PeriodTotals totals(String period, String currency, Money inCurrency) {
        return periods.getOrDefault(period + "|" + currency, new PeriodTotals(Money.zero(inCurrency.currency())));
    }

    private PartnerFacts facts(String partner, String tier, PlanVersion plan, String period, Money inCurrency) {
        String currency = inCurrency.currency().getCurrencyCode();
        PeriodTotals totals = totals(period, currency, inCurrency);
        String previous = CommissionEngine.previousPeriod(period, plan.terms().period());
        PeriodTotals before = totals(previous, currency, inCurrency);
        return new PartnerFacts(partner, tier, totals.volume, totals.accrued, Map.copyOf(totals.accruedByRule),
                before.volume);
    }

    private static boolean hasRebates(PlanVersion plan) {
        return plan.terms().rules() != null && plan.terms().rules().stream().anyMatch(rule ->
                rule.kind() == io.channelbook.api.commission.RuleKind.VOLUME_REBATE
                        || rule.kind() == io.channelbook.api.commission.RuleKind.GROWTH_REBATE);
    }

    /** Deal accruals count toward the period cap and true-ups of the partner that sourced them. */
    private void countAccrual(String period, Money amount, AccrualExplanation explanation) {
        if (period == null) {
            return;
        }
        PeriodTotals totals = periods.computeIfAbsent(period + "|" + amount.currency().getCurrencyCode(),
                key -> new PeriodTotals(Money.zero(amount.currency())));
        totals.accrued = totals.accrued.plus(amount);
        if (explanation != null && explanation.ruleId() != null) {
            totals.accruedByRule.merge(explanation.ruleId(), amount, Money::plus);
        }
    }

    // --- event sourcing ----------------------------------------------------------------------------------------

    @EventSourcingHandler
    void on(DealRevenueRecordedEvent event) {
        ledgerId = event.ledgerId();
        partnerId = event.partnerId();
        PeriodTotals totals = periods.computeIfAbsent(event.period() + "|" + event.revenue().currency().getCurrencyCode(),
                key -> new PeriodTotals(Money.zero(event.revenue().currency())));
        totals.volume = event.periodVolume();
        deals.put(event.registrationId(), new DealEntries(event.revenue()));
    }

    @EventSourcingHandler
    void on(CommissionAccruedEvent event) {
        ledgerId = event.ledgerId();
        partnerId = event.partnerId();
        entries.put(event.entryId(), new Entry(event.kind(), event.amount()));
        if (event.kind() == EntryKind.ACCRUAL && event.registrationId() != null && event.dealAmount() != null) {
            deals.computeIfAbsent(event.registrationId(), id -> new DealEntries(event.dealAmount()))
                    .entryIds.add(event.entryId());
        }
        boolean sourcedHere = event.explanation() == null || event.explanation().shareType() == null
                || event.explanation().shareType() == TouchType.SOURCED;
        if (sourcedHere && (event.kind() == EntryKind.ACCRUAL || event.kind() == EntryKind.TRUE_UP)) {
            countAccrual(event.period(), event.amount(), event.explanation());
        }
        if (event.kind() == EntryKind.REBATE) {
            PeriodTotals totals = periods.get(event.period() + "|" + event.amount().currency().getCurrencyCode());
            if (totals != null) {
                totals.rebated = true;
            }
        }
    }

    @EventSourcingHandler
    void on(CommissionShareAllocatedEvent event) {
        countAccrual(event.period(), event.amount(), event.explanation());
    }

    @EventSourcingHandler
    void on(CommissionReleasedEvent event) {
        Entry entry = entries.get(event.entryId());
        entry.status = EntryStatus.PAYABLE;
        payable.merge(entry.currency(), event.amount(), Money::plus);
        releaseOrder.add(event.entryId());
    }

    @EventSourcingHandler
    void on(CommissionReversedEvent event) {
        Entry entry = entries.get(event.reversedEntryId());
        entry.outstanding = entry.outstanding.plus(event.amount());
        entry.reversals++;
        if (event.from() != EntryStatus.PENDING) {
            payable.merge(entry.currency(), event.amount(), Money::plus);
        }
    }

    @EventSourcingHandler
    void on(LedgerAdjustedEvent event) {
        ledgerId = event.ledgerId();
        partnerId = event.partnerId();
        String adjustmentId = event.entryId().substring(ADJUSTMENT_PREFIX.length());
        adjustments.put(adjustmentId, new AdjustLedgerCommand(event.ledgerId(), event.partnerId(), adjustmentId,
                event.amount(), event.reason()));
        payable.merge(event.amount().currency().getCurrencyCode(), event.amount(), Money::plus);
    }

    @EventSourcingHandler
    void on(PayoutRecordedEvent event) {
        payouts.put(event.payoutId(), new RecordPayoutCommand(event.ledgerId(), event.partnerId(), event.payoutId(),
                event.amount(), event.reference(), event.paidOn()));
        payable.merge(event.amount().currency().getCurrencyCode(), event.amount().negate(), Money::plus);
        for (String entryId : event.settledEntryIds()) {
            entries.get(entryId).status = EntryStatus.PAID;
        }
    }

    /** An entry's state: what it earned, what is left of it after reversals, and where it stands. */
    private static final class Entry {
        private final EntryKind kind;
        private final Money amount;
        private Money outstanding;
        private EntryStatus status = EntryStatus.PENDING;
        private int reversals;

        private Entry(EntryKind kind, Money amount) {
            this.kind = kind;
            this.amount = amount;
            this.outstanding = amount;
        }

        private String currency() {
            return amount.currency().getCurrencyCode();
        }

        // value equality: Axon's test fixture compares the state a command left with the state its events source
        @Override
        public boolean equals(Object other) {
            return other instanceof Entry that && kind == that.kind && amount.equals(that.amount)
                    && outstanding.equals(that.outstanding) && status == that.status && reversals == that.reversals;
        }

        @Override
        public int hashCode() {
            return Objects.hash(kind, amount, outstanding, status, reversals);
        }
    }

    private static final class DealEntries {
        private final Money accruedOn;
        private final List<String> entryIds = new ArrayList<>();

        private DealEntries(Money accruedOn) {
            this.accruedOn = Objects.requireNonNull(accruedOn);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof DealEntries that && accruedOn.equals(that.accruedOn)
                    && entryIds.equals(that.entryIds);
        }

        @Override
        public int hashCode() {
            return Objects.hash(accruedOn, entryIds);
        }
    }

    private static final class PeriodTotals {
        private Money volume;
        private Money accrued;
        private final Map<String, Money> accruedByRule = new HashMap<>();
        private boolean rebated;

        private PeriodTotals(Money zero) {
            this.volume = zero;
            this.accrued = zero;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof PeriodTotals that && volume.equals(that.volume) && accrued.equals(that.accrued)
                    && accruedByRule.equals(that.accruedByRule) && rebated == that.rebated;
        }

        @Override
        public int hashCode() {
            return Objects.hash(volume, accrued, accruedByRule, rebated);
        }
    }
}
