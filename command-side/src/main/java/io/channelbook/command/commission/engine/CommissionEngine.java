package io.channelbook.command.commission.engine;

import io.channelbook.api.commission.PeriodUnit;
import io.channelbook.api.money.Money;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The commission engine: a pure, deterministic function from a plan version and facts to explained accrual lines.
 * No clock, no I/O, no state: the same input gives the same lines, which is what makes replays and audits possible.
 */
public final class CommissionEngine {

    private CommissionEngine() {
    }

    /** The version in force for a deal closed on {@code closeDate}: the latest effective on or before it. */
    public static Optional<PlanVersion> versionFor(List<PlanVersion> versions, LocalDate closeDate) {
        throw new UnsupportedOperationException("being written");
    }

    /** The counting period of a date: "2026-11" (MONTH), "2026-Q4" (QUARTER), "2026" (YEAR). */
    public static String periodOf(LocalDate date, PeriodUnit unit) {
        throw new UnsupportedOperationException("being written");
    }

    /** The period before {@code period} in the same unit. */
    public static String previousPeriod(String period, PeriodUnit unit) {
        throw new UnsupportedOperationException("being written");
    }

    /** The first day after {@code period} (its end, exclusive), UTC calendar. */
    public static LocalDate periodEnd(String period, PeriodUnit unit) {
        throw new UnsupportedOperationException("being written");
    }

    /**
     * The lines a won deal earns: every rule except RECURRING_SHARE and the rebates, then the tier/partner
     * multiplier, the caps, and the split among the deal's touches by the plan's shares (the registrant's lines,
     * then each other partner's share, each explained with its share).
     */
    public static List<AccrualLine> accrueDeal(PlanVersion plan, DealFacts deal, PartnerFacts registrant) {
        throw new UnsupportedOperationException("being written");
    }

    /** The lines one billed period of a recurring line earns (RECURRING_SHARE rules whose months cover it). */
    public static List<AccrualLine> accrueRecurring(PlanVersion plan, DealFacts deal, PartnerFacts registrant,
                                                    String product, int periodNumber, Money billed) {
        throw new UnsupportedOperationException("being written");
    }

    /**
     * The rebates a partner earns at the end of a period: VOLUME_REBATE and GROWTH_REBATE rules over
     * {@code periodVolume} (and {@code registrant.previousPeriodVolume()} for growth), in the volume's currency.
     */
    public static List<AccrualLine> rebates(PlanVersion plan, PartnerFacts registrant, String period,
                                            Money periodVolume) {
        throw new UnsupportedOperationException("being written");
    }

    /** What is wrong with a plan's terms, in words naming the rule and field; empty when they are valid. */
    public static List<String> problems(io.channelbook.api.commission.CommissionPlanTerms terms) {
        throw new UnsupportedOperationException("being written");
    }

    /**
     * How much of an entry should remain when a deal shrank: {@code original × remaining ÷ accruedOn}, rounded
     * with {@link Money#ROUNDING} (a full refund leaves exactly zero; nothing below zero or above the original).
     */
    public static Money remainingShare(Money original, Money remaining, Money accruedOn) {
        throw new UnsupportedOperationException("being written");
    }
}
