package io.channelbook.command.commission.engine;

import io.channelbook.api.commission.CommissionPlanTerms;
import io.channelbook.api.commission.CommissionRule;
import io.channelbook.api.commission.PeriodUnit;
import io.channelbook.api.commission.RateBand;
import io.channelbook.api.commission.RuleKind;
import io.channelbook.api.commission.TouchShares;
import io.channelbook.api.deal.DealTouch;
import io.channelbook.api.deal.LineItem;
import io.channelbook.api.deal.TouchType;
import io.channelbook.api.ledger.AccrualExplanation;
import io.channelbook.api.ledger.EntryKind;
import io.channelbook.api.money.Money;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The commission engine: a pure, deterministic function from a plan version and facts to explained accrual lines.
 * No clock, no I/O, no state: the same input gives the same lines, which is what makes replays and audits possible.
 *
 * <h2>How a deal is accrued ({@link #accrueDeal})</h2>
 * <ol>
 *   <li><b>Rules</b>, in plan order (RECURRING_SHARE and the rebates are skipped). A rule yields one line
 *   ({@code <ruleId>}) or, where it works per line item or per band, one line per item ({@code <ruleId>/<index>}) or
 *   per band slice ({@code <ruleId>/band<k>}), so that every line's explanation carries exactly one base and one rate.
 *   A TIERED_RETROACTIVE rule may add a TRUE_UP line ({@code <ruleId>:true-up}).</li>
 *   <li><b>Multiplier</b>: {@code partnerMultipliers[registrant]}, else {@code tierMultipliers[tier]}, else 1. It is
 *   multiplied into the rate (or applied to the bounty) so each line is rounded exactly once, HALF_EVEN, by
 *   {@link Money#times}.</li>
 *   <li><b>Rule cap</b> ({@code capPerDeal} of the rule) bounds what the rule pays in one engine call, after the
 *   multiplier (a cap caps what is paid).</li>
 *   <li><b>Plan caps</b>: {@code capPerDeal} bounds the deal's total; {@code capPerPeriod} bounds
 *   {@code periodAccruedBefore} + the deal's total. Every cap cuts <em>from the last line first</em> (plan order is
 *   the plan's priority: earlier rules are paid first), whole lines before partial ones; every cut line records its
 *   {@code uncapped} amount and the cap(s) in {@code capRule} ("rule r1 capPerDeal", "plan capPerDeal",
 *   "plan capPerPeriod", comma-joined when several cut). Caps never round. A true-up is booked with the deal and
 *   counts as part of it for the rule and plan caps; being its rule's last line it is cut before the rule's deal
 *   line. What a cap cut from a true-up (or from an earlier retroactive line) is asked for again by the next deal's
 *   true-up, since {@code accruedByRuleBefore} is what was actually accrued.</li>
 *   <li>Zero lines are dropped.</li>
 *   <li><b>Shares</b>: the deal's touches (the registrant's, plus accepted ones) are weighted by
 *   {@link TouchShares} (null shares: {@link TouchShares#SOURCED_ONLY}). When only the registrant's touches have a
 *   positive weight, the registrant gets every line whole ({@code shareType} null). Otherwise each shareable line is
 *   split with {@link Money#allocate} over the positive weights (a SOURCED touch of anyone but the registrant weighs 0,
 *   the registrant being the sourcing partner), one line per touch ({@code <key>:<touchId>}); the
 *   parts add up to the line, and zero parts are dropped. True-up lines are not shared: they pay on the registrant's
 *   earlier volume, to which this deal's other partners did not contribute.</li>
 * </ol>
 *
 * <h2>Currencies</h2>
 * Following {@link CommissionRule}: a rule with any money value (bounty, band, target, rule cap) in a currency other
 * than the deal's (the billed amount's, the period volume's) yields no line at all; a product bounty in another
 * currency yields no line for that product. There is nowhere to put an explanation for a line that is not there,
 * so nothing is written (see the report on the contract). A plan-level cap in another currency is not applied (it
 * cannot be compared), and partner facts in another currency than the deal's are treated as absent (zero).
 *
 * <h2>Robustness</h2>
 * Null lists and maps, null rules, rules without a kind, bands without a rate count as empty or absent; the engine
 * does not validate plans (see {@link #problems} for that) and does not throw for a plan {@link #problems} accepts.
 * Only positive lines are produced: the engine accrues, corrections are reversals.
 */
public final class CommissionEngine {

    static final String HALF_EVEN = "HALF_EVEN to the minor unit";
    static final String ALLOCATED = "HALF_EVEN to the minor unit, then allocated by largest remainder";
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{2})");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");
    private static final Pattern YEAR = Pattern.compile("(\\d{4})");

    private CommissionEngine() {
    }

    // ------------------------------------------------------------------------------------------------ versions

    /**
     * The version in force for a deal closed on {@code closeDate}: the latest effective on or before it. Versions may
     * come in any order; of two versions effective on the same day the higher version number wins. Empty when none
     * is effective yet (or the list is null).
     */
    public static Optional<PlanVersion> versionFor(List<PlanVersion> versions, LocalDate closeDate) {
        if (versions == null || closeDate == null) {
            return Optional.empty();
        }
        return versions.stream()
                .filter(Objects::nonNull)
                .filter(v -> v.effectiveFrom() != null && !v.effectiveFrom().isAfter(closeDate))
                .max(Comparator.comparing(PlanVersion::effectiveFrom).thenComparingInt(PlanVersion::version));
    }

    // ------------------------------------------------------------------------------------------------ periods

    /** The counting period of a date: "2026-11" (MONTH), "2026-Q4" (QUARTER), "2026" (YEAR). */
    public static String periodOf(LocalDate date, PeriodUnit unit) {
        Objects.requireNonNull(date, "date");
        return switch (Objects.requireNonNull(unit, "unit")) {
            case MONTH -> String.format(Locale.ROOT, "%04d-%02d", date.getYear(), date.getMonthValue());
            case QUARTER -> String.format(Locale.ROOT, "%04d-Q%d", date.getYear(), (date.getMonthValue() - 1) / 3 + 1);
            case YEAR -> String.format(Locale.ROOT, "%04d", date.getYear());
        };
    }

    /**
     * The period before {@code period} in the same unit ("2026-01" → "2025-12", "2026-Q1" → "2025-Q4").
     *
     * @throws IllegalArgumentException when {@code period} is not a period of that unit
     */
    public static String previousPeriod(String period, PeriodUnit unit) {
        return periodOf(periodStart(period, unit).minusDays(1), unit);
    }

    /**
     * The first day after {@code period} (its end, exclusive), UTC calendar: "2026-11" → 2026-12-01, "2026-Q4" →
     * 2027-01-01, "2026" → 2027-01-01.
     *
     * @throws IllegalArgumentException when {@code period} is not a period of that unit
     */
    public static LocalDate periodEnd(String period, PeriodUnit unit) {
        LocalDate start = periodStart(period, unit);
        return switch (unit) {
            case MONTH -> start.plusMonths(1);
            case QUARTER -> start.plusMonths(3);
            case YEAR -> start.plusYears(1);
        };
    }

    /** The first day of {@code period}. */
    static LocalDate periodStart(String period, PeriodUnit unit) {
        Objects.requireNonNull(unit, "unit");
        Pattern pattern = switch (unit) {
            case MONTH -> MONTH;
            case QUARTER -> QUARTER;
            case YEAR -> YEAR;
        };
        Matcher matcher = pattern.matcher(period == null ? "" : period);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("Not a " + unit + " period: " + period);
        }
        int year = Integer.parseInt(matcher.group(1));
        return switch (unit) {
            case MONTH -> {
                int month = Integer.parseInt(matcher.group(2));
                if (month < 1 || month > 12) {
                    throw new IllegalArgumentException("Not a MONTH period: " + period);
                }
                yield LocalDate.of(year, month, 1);
            }
            case QUARTER -> LocalDate.of(year, (Integer.parseInt(matcher.group(2)) - 1) * 3 + 1, 1);
            case YEAR -> LocalDate.of(year, 1, 1);
        };
    }

    // ------------------------------------------------------------------------------------------------ deals

    /**
     * The lines a won deal earns: every rule except RECURRING_SHARE and the rebates, then the tier/partner
     * multiplier, the caps, and the split among the deal's touches by the plan's shares (the registrant's lines,
     * then each other partner's share, each explained with its share). See the class documentation for the order
     * of the steps, the cap cutting order and currencies.
     * <ul>
     *   <li>FLAT_PER_DEAL: the bounty; base = the deal amount.</li>
     *   <li>FLAT_PER_PRODUCT: {@code productBounties[product]} per line item (one-off or recurring) of a product
     *   with a bounty; base = the line item's amount.</li>
     *   <li>PERCENT_OF_DEAL: rate × deal amount.</li>
     *   <li>PERCENT_PER_LINE: per one-off line item in the deal's currency: productRates[product], else
     *   categoryRates[productCategories[product]], else rate; no rate, no line.</li>
     *   <li>TIERED_MARGINAL: the deal is laid on the period volume from {@code periodVolumeBefore}; each band slice
     *   is its own line at its band's rate. Volume below the first band earns nothing.</li>
     *   <li>TIERED_RETROACTIVE: the deal at the rate of the band reached by {@code periodVolumeBefore} + amount; when
     *   {@code accruedByRuleBefore[ruleId]} is below {@code periodVolumeBefore × reached rate × multiplier} (rounded
     *   once), the difference is a TRUE_UP line. {@code accruedByRuleBefore} must therefore be what the rule accrued
     *   on the registrant's deals in the period before shares.</li>
     * </ul>
     */
    public static List<AccrualLine> accrueDeal(PlanVersion plan, DealFacts deal, PartnerFacts registrant) {
        if (plan == null || plan.terms() == null || deal == null || deal.amount() == null) {
            return List.of();
        }
        CommissionPlanTerms terms = plan.terms();
        Currency currency = deal.amount().currency();
        Ctx ctx = new Ctx(plan, currency, registrantId(deal, registrant), registrant);
        List<Draft> drafts = new ArrayList<>();
        for (CommissionRule rule : rules(terms)) {
            if (!ruleApplies(rule, currency)) {
                continue;
            }
            List<Draft> ruleDrafts = switch (rule.kind()) {
                case FLAT_PER_DEAL -> flatPerDeal(ctx, rule, deal);
                case FLAT_PER_PRODUCT -> flatPerProduct(ctx, rule, deal);
                case PERCENT_OF_DEAL -> percentOfDeal(ctx, rule, deal);
                case PERCENT_PER_LINE -> percentPerLine(ctx, rule, deal);
                case TIERED_MARGINAL -> tieredMarginal(ctx, rule, deal);
                case TIERED_RETROACTIVE -> tieredRetroactive(ctx, rule, deal);
                case RECURRING_SHARE, VOLUME_REBATE, GROWTH_REBATE -> List.<Draft>of();
            };
            drafts.addAll(ruleCapped(rule, positive(ruleDrafts)));
        }
        Money planCap = sameCurrency(terms.capPerDeal(), currency);
        if (planCap != null) {
            cutFromTheEnd(drafts, planCap.amountMinor(), "plan capPerDeal");
        }
        Money periodCap = sameCurrency(terms.capPerPeriod(), currency);
        if (periodCap != null) {
            Money before = ctx.fact(registrant == null ? null : registrant.periodAccruedBefore());
            cutFromTheEnd(drafts, periodCap.amountMinor() - before.amountMinor(), "plan capPerPeriod");
        }
        return lines(ctx, positive(drafts), deal.touches(), terms.shares());
    }

    private static List<Draft> flatPerDeal(Ctx ctx, CommissionRule rule, DealFacts deal) {
        Money bounty = rule.bounty();
        if (bounty == null) {
            return List.of();
        }
        return List.of(ctx.bountyDraft(rule.ruleId(), EntryKind.ACCRUAL, rule, deal.amount(), bounty,
                fmt(bounty) + " per deal"));
    }

    private static List<Draft> flatPerProduct(Ctx ctx, CommissionRule rule, DealFacts deal) {
        Map<String, Money> bounties = map(rule.productBounties());
        List<LineItem> items = list(deal.lineItems());
        List<Draft> drafts = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            LineItem item = items.get(i);
            if (item == null || item.product() == null) {
                continue;
            }
            Money bounty = sameCurrency(bounties.get(item.product()), ctx.currency);
            if (bounty == null) {
                continue;
            }
            Money base = item.amount() == null ? deal.amount() : item.amount();
            drafts.add(ctx.bountyDraft(rule.ruleId() + "/" + i, EntryKind.ACCRUAL, rule, base, bounty,
                    fmt(bounty) + " for product " + item.product()));
        }
        return drafts;
    }

    private static List<Draft> percentOfDeal(Ctx ctx, CommissionRule rule, DealFacts deal) {
        if (rule.rate() == null) {
            return List.of();
        }
        return List.of(ctx.rateDraft(rule.ruleId(), EntryKind.ACCRUAL, rule, deal.amount(), rule.rate(),
                pct(rule.rate()) + " of " + fmt(deal.amount()), true));
    }

    private static List<Draft> percentPerLine(Ctx ctx, CommissionRule rule, DealFacts deal) {
        Map<String, BigDecimal> productRates = map(rule.productRates());
        Map<String, BigDecimal> categoryRates = map(rule.categoryRates());
        Map<String, String> categories = map(ctx.plan.terms().productCategories());
        List<LineItem> items = list(deal.lineItems());
        List<Draft> drafts = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            LineItem item = items.get(i);
            if (item == null || item.recurring() || sameCurrency(item.amount(), ctx.currency) == null) {
                continue;
            }
            BigDecimal rate = item.product() == null ? null : productRates.get(item.product());
            String source = "product " + item.product() + " rate";
            if (rate == null && item.product() != null) {
                String category = categories.get(item.product());
                rate = category == null ? null : categoryRates.get(category);
                source = "category " + category + " rate";
            }
            if (rate == null) {
                rate = rule.rate();
                source = "default rate";
            }
            if (rate == null) {
                continue;
            }
            drafts.add(ctx.rateDraft(rule.ruleId() + "/" + i, EntryKind.ACCRUAL, rule, item.amount(), rate,
                    pct(rate) + " (" + source + ") of " + fmt(item.amount()) + " for product " + item.product(),
                    true));
        }
        return drafts;
    }

    private static List<Draft> tieredMarginal(Ctx ctx, CommissionRule rule, DealFacts deal) {
        List<RateBand> bands = bands(rule);
        long start = ctx.fact(ctx.registrant == null ? null : ctx.registrant.periodVolumeBefore()).amountMinor();
        long end = start + deal.amount().amountMinor();
        List<Draft> drafts = new ArrayList<>();
        for (int k = 0; k < bands.size(); k++) {
            long lower = bands.get(k).from().amountMinor();
            long upper = k + 1 < bands.size() ? bands.get(k + 1).from().amountMinor() : Long.MAX_VALUE;
            long slice = Math.min(end, upper) - Math.max(start, lower);
            if (slice <= 0) {
                continue;
            }
            Money base = new Money(slice, ctx.currency);
            BigDecimal rate = bands.get(k).rate();
            drafts.add(ctx.rateDraft(rule.ruleId() + "/band" + k, EntryKind.ACCRUAL, rule, base, rate,
                    pct(rate) + " of " + fmt(base) + " (the deal's slice in the band from "
                            + fmt(bands.get(k).from()) + " of period volume)", true));
        }
        return drafts;
    }

    private static List<Draft> tieredRetroactive(Ctx ctx, CommissionRule rule, DealFacts deal) {
        List<RateBand> bands = bands(rule);
        Money before = ctx.fact(ctx.registrant == null ? null : ctx.registrant.periodVolumeBefore());
        long after = before.amountMinor() + deal.amount().amountMinor();
        RateBand reached = null;
        for (RateBand band : bands) {
            if (band.from().amountMinor() <= after) {
                reached = band;
            }
        }
        if (reached == null) {
            return List.of();
        }
        BigDecimal rate = reached.rate();
        Money afterMoney = new Money(after, ctx.currency);
        List<Draft> drafts = new ArrayList<>();
        drafts.add(ctx.rateDraft(rule.ruleId(), EntryKind.ACCRUAL, rule, deal.amount(), rate,
                pct(rate) + " of " + fmt(deal.amount()) + " (band from " + fmt(reached.from()) + " reached at "
                        + fmt(afterMoney) + " period volume)", true));
        Money target = before.times(ctx.factor(rate));
        Map<String, Money> accruedByRule = ctx.registrant == null ? Map.of() : map(ctx.registrant.accruedByRuleBefore());
        Money accrued = ctx.fact(accruedByRule.get(rule.ruleId()));
        if (target.compareTo(accrued) > 0) {
            Money trueUp = target.minus(accrued);
            String head = "true-up: " + pct(rate) + " of " + fmt(before) + " earlier period volume"
                    + ctx.context(rule) + ctx.multiplierText() + " = " + fmt(target) + ", less " + fmt(accrued)
                    + " already accrued by the rule";
            drafts.add(new Draft(rule.ruleId() + ":true-up", EntryKind.TRUE_UP, rule, before, rate, null, head,
                    false, trueUp));
        }
        return drafts;
    }

    // ------------------------------------------------------------------------------------------------ recurring

    /**
     * The lines one billed period of a recurring line earns: every RECURRING_SHARE rule with a rate whose
     * {@code months} cover {@code periodNumber} (1-based; {@code 1 <= periodNumber <= months}) pays
     * rate × multiplier × billed, kind RECURRING, line key {@code <ruleId>/<product>/<periodNumber>}. The rule's
     * capPerDeal caps each billed period (the engine keeps no state across periods); plan caps do not apply. Lines
     * are shared among the deal's touches as for the deal itself.
     */
    public static List<AccrualLine> accrueRecurring(PlanVersion plan, DealFacts deal, PartnerFacts registrant,
                                                    String product, int periodNumber, Money billed) {
        if (plan == null || plan.terms() == null || deal == null || billed == null || periodNumber < 1) {
            return List.of();
        }
        Currency currency = billed.currency();
        Ctx ctx = new Ctx(plan, currency, registrantId(deal, registrant), registrant);
        List<Draft> drafts = new ArrayList<>();
        for (CommissionRule rule : rules(plan.terms())) {
            if (!ruleApplies(rule, currency) || rule.kind() != RuleKind.RECURRING_SHARE || rule.rate() == null
                    || rule.months() == null || periodNumber > rule.months()) {
                continue;
            }
            Draft draft = ctx.rateDraft(rule.ruleId() + "/" + product + "/" + periodNumber, EntryKind.RECURRING, rule,
                    billed, rule.rate(), pct(rule.rate()) + " of " + fmt(billed) + " billed for " + product
                            + ", period " + periodNumber + " of " + rule.months(), true);
            drafts.addAll(ruleCapped(rule, positive(List.of(draft))));
        }
        return lines(ctx, positive(drafts), deal.touches(), plan.terms().shares());
    }

    // ------------------------------------------------------------------------------------------------ rebates

    /**
     * The rebates a partner earns at the end of a period: VOLUME_REBATE and GROWTH_REBATE rules over
     * {@code periodVolume} (and {@code registrant.previousPeriodVolume()} for growth), in the volume's currency.
     * <ul>
     *   <li>VOLUME_REBATE: when {@code periodVolume >= target}: rate × periodVolume.</li>
     *   <li>GROWTH_REBATE: when the previous period's volume is positive and {@code periodVolume >= previous × (1 +
     *   growthPercent/100)} (compared exactly, no rounding): rate × periodVolume.</li>
     * </ul>
     * Kind REBATE, to the registrant alone, with the multiplier (and the rule's capPerDeal as a cap of the rebate);
     * line key {@code <ruleId>/<period>}.
     */
    public static List<AccrualLine> rebates(PlanVersion plan, PartnerFacts registrant, String period,
                                            Money periodVolume) {
        if (plan == null || plan.terms() == null || registrant == null || periodVolume == null) {
            return List.of();
        }
        Currency currency = periodVolume.currency();
        Ctx ctx = new Ctx(plan, currency, registrant.partnerId(), registrant);
        List<Draft> drafts = new ArrayList<>();
        for (CommissionRule rule : rules(plan.terms())) {
            if (!ruleApplies(rule, currency) || rule.rate() == null) {
                continue;
            }
            String key = rule.ruleId() + "/" + period;
            if (rule.kind() == RuleKind.VOLUME_REBATE && rule.target() != null
                    && periodVolume.compareTo(rule.target()) >= 0) {
                drafts.addAll(ruleCapped(rule, positive(List.of(ctx.rateDraft(key, EntryKind.REBATE, rule,
                        periodVolume, rule.rate(), pct(rule.rate()) + " of " + fmt(periodVolume) + " volume in "
                                + period + " (target " + fmt(rule.target()) + " reached)", false)))));
            } else if (rule.kind() == RuleKind.GROWTH_REBATE && rule.growthPercent() != null) {
                Money previous = ctx.fact(registrant.previousPeriodVolume());
                // periodVolume >= previous * (1 + g/100)  <=>  periodVolume * 100 >= previous * (100 + g)
                BigDecimal lhs = BigDecimal.valueOf(periodVolume.amountMinor()).multiply(HUNDRED);
                BigDecimal rhs = BigDecimal.valueOf(previous.amountMinor()).multiply(HUNDRED.add(rule.growthPercent()));
                if (previous.signum() > 0 && lhs.compareTo(rhs) >= 0) {
                    drafts.addAll(ruleCapped(rule, positive(List.of(ctx.rateDraft(key, EntryKind.REBATE, rule,
                            periodVolume, rule.rate(), pct(rule.rate()) + " of " + fmt(periodVolume) + " volume in "
                                    + period + " (grew at least " + plain(rule.growthPercent()) + "% over "
                                    + fmt(previous) + ")", false)))));
                }
            }
        }
        return lines(ctx, positive(drafts), List.of(), null);
    }

    // ------------------------------------------------------------------------------------------------ reversals

    /**
     * How much of an entry should remain when a deal shrank: {@code original × remaining ÷ accruedOn}, rounded
     * with {@link Money#ROUNDING} (a full refund leaves exactly zero; nothing below zero or above the original).
     * <p>
     * {@code remaining <= 0} gives zero, {@code remaining >= accruedOn} gives the original (so a zero
     * {@code accruedOn} gives the original unless nothing remains). In between the result is the exact quotient
     * rounded HALF_EVEN once: the rounding itself is done by {@link Money#times} on the whole quotient plus an
     * exactly representable stand-in for the fraction (below, at or above one half), so non-terminating quotients
     * like 3 × 1/6 = 0.5 round as exactly as terminating ones.
     */
    public static Money remainingShare(Money original, Money remaining, Money accruedOn) {
        Objects.requireNonNull(original, "original");
        Objects.requireNonNull(remaining, "remaining");
        Objects.requireNonNull(accruedOn, "accruedOn");
        if (remaining.signum() <= 0) {
            return Money.zero(original.currency());
        }
        if (remaining.compareTo(accruedOn) >= 0) {
            return original;
        }
        return mulDiv(original, remaining.amountMinor(), accruedOn.amountMinor());
    }

    /**
     * {@code money × numerator ÷ denominator} (denominator positive), rounded once with {@link Money#ROUNDING} via
     * {@link Money#times}: the exact quotient is q + r/d; HALF_EVEN only needs to know whether r/d is below, at or
     * above one half, so the fraction is replaced by 0.25, 0.5 or 0.75, which keeps the rounding exact.
     */
    static Money mulDiv(Money money, long numerator, long denominator) {
        BigInteger product = BigInteger.valueOf(money.amountMinor()).multiply(BigInteger.valueOf(numerator));
        BigInteger d = BigInteger.valueOf(denominator);
        BigInteger[] qr = product.divideAndRemainder(d); // r has the sign of the product
        int half = qr[1].abs().shiftLeft(1).compareTo(d.abs());
        BigDecimal fraction = qr[1].signum() == 0 ? BigDecimal.ZERO
                : (half < 0 ? new BigDecimal("0.25") : half == 0 ? new BigDecimal("0.5") : new BigDecimal("0.75"));
        BigDecimal exactClass = new BigDecimal(qr[0]).add(qr[1].signum() < 0 ? fraction.negate() : fraction);
        return new Money(1, money.currency()).times(exactClass);
    }

    // ------------------------------------------------------------------------------------------------ validation

    /**
     * What is wrong with plan terms, as human messages naming the rule and field ("rule r2: rate 1.5 is not
     * between 0 and 1"); empty when the terms are valid. Meant for saving drafts; the engine itself never
     * validates.
     */
    public static List<String> problems(CommissionPlanTerms terms) {
        return PlanProblems.of(terms);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** Everything one engine call shares between its steps. */
    private static final class Ctx {
        final PlanVersion plan;
        final Currency currency;
        final String registrantId;
        final PartnerFacts registrant;
        final BigDecimal multiplier;
        final String multiplierLabel;

        Ctx(PlanVersion plan, Currency currency, String registrantId, PartnerFacts registrant) {
            this.plan = plan;
            this.currency = currency;
            this.registrantId = registrantId;
            this.registrant = registrant;
            CommissionPlanTerms terms = plan.terms();
            BigDecimal partner = registrantId == null ? null : map(terms.partnerMultipliers()).get(registrantId);
            String tier = registrant == null ? null : registrant.tier();
            BigDecimal tiered = tier == null ? null : map(terms.tierMultipliers()).get(tier);
            if (partner != null) {
                multiplier = partner;
                multiplierLabel = "partner " + registrantId + " multiplier";
            } else if (tiered != null) {
                multiplier = tiered;
                multiplierLabel = tier + " tier multiplier";
            } else {
                multiplier = BigDecimal.ONE;
                multiplierLabel = null;
            }
        }

        BigDecimal factor(BigDecimal rate) {
            return rate.multiply(multiplier);
        }

        String multiplierText() {
            return multiplierLabel == null ? "" : " × " + plain(multiplier) + " " + multiplierLabel;
        }

        String context(CommissionRule rule) {
            return " (" + rule.kind() + " rule " + rule.ruleId() + ", plan " + plan.planId() + " v" + plan.version()
                    + ")";
        }

        /** A fact in this call's currency, or zero when absent or in another currency. */
        Money fact(Money money) {
            Money same = sameCurrency(money, currency);
            return same == null ? Money.zero(currency) : same;
        }

        Draft rateDraft(String key, EntryKind kind, CommissionRule rule, Money base, BigDecimal rate,
                        String description, boolean shareable) {
            return new Draft(key, kind, rule, base, rate, null, description + context(rule) + multiplierText(),
                    shareable, base.times(factor(rate)));
        }

        Draft bountyDraft(String key, EntryKind kind, CommissionRule rule, Money base, Money bounty,
                          String description) {
            return new Draft(key, kind, rule, base, null, bounty, description + context(rule) + multiplierText(),
                    true, bounty.times(multiplier));
        }
    }

    private static String registrantId(DealFacts deal, PartnerFacts registrant) {
        if (registrant != null && registrant.partnerId() != null) {
            return registrant.partnerId();
        }
        return deal == null ? null : deal.registrantPartnerId();
    }

    /**
     * Whether a rule takes part at all: it has an id and a kind, and all its money (bounty, bands, target, rule cap)
     * is in {@code currency}. Product bounties are checked per product.
     */
    private static boolean ruleApplies(CommissionRule rule, Currency currency) {
        if (rule == null || rule.kind() == null || rule.ruleId() == null) {
            return false;
        }
        if (!inCurrency(rule.bounty(), currency) || !inCurrency(rule.target(), currency)
                || !inCurrency(rule.capPerDeal(), currency)) {
            return false;
        }
        for (RateBand band : list(rule.bands())) {
            if (band != null && !inCurrency(band.from(), currency)) {
                return false;
            }
        }
        return true;
    }

    private static boolean inCurrency(Money money, Currency currency) {
        return money == null || money.currency().equals(currency);
    }

    private static Money sameCurrency(Money money, Currency currency) {
        return money != null && money.currency().equals(currency) ? money : null;
    }

    /** The rule's usable bands (with a from and a rate), ascending by from (stable for equal froms). */
    private static List<RateBand> bands(CommissionRule rule) {
        return list(rule.bands()).stream()
                .filter(b -> b != null && b.from() != null && b.rate() != null)
                .sorted(Comparator.comparingLong(b -> b.from().amountMinor()))
                .toList();
    }

    private static List<Draft> ruleCapped(CommissionRule rule, List<Draft> drafts) {
        if (rule.capPerDeal() != null) {
            cutFromTheEnd(drafts, rule.capPerDeal().amountMinor(), "rule " + rule.ruleId() + " capPerDeal");
        }
        return drafts;
    }

    /** Cuts the lines' total down to {@code room} (negative room counts as zero), taking from the last line first. */
    static void cutFromTheEnd(List<Draft> drafts, long room, String capName) {
        long total = 0;
        for (Draft d : drafts) {
            total += d.amount.amountMinor();
        }
        long excess = total - Math.max(0, room);
        for (int i = drafts.size() - 1; i >= 0 && excess > 0; i--) {
            Draft d = drafts.get(i);
            long cut = Math.min(excess, d.amount.amountMinor());
            if (cut > 0) {
                d.cut(cut, capName);
                excess -= cut;
            }
        }
    }

    private static List<Draft> positive(List<Draft> drafts) {
        List<Draft> kept = new ArrayList<>();
        for (Draft d : drafts) {
            if (d.amount.signum() > 0) {
                kept.add(d);
            }
        }
        return kept;
    }

    /** A touch that takes a share, with the key suffix of its lines. */
    private record Share(DealTouch touch, String keySuffix, int weight) {
    }

    /**
     * The shares of a deal, or null when the registrant gets everything. Touches are the registrant's (all of
     * them) and the accepted ones of others; a registrant without a touch is given a SOURCED one ("sourced"). Only
     * the registrant's SOURCED touch weighs {@code shares.sourced}: another partner claiming SOURCED weighs 0.
     */
    private static List<Share> shares(List<DealTouch> dealTouches, TouchShares weights, String registrantId) {
        TouchShares shares = weights == null ? TouchShares.SOURCED_ONLY : weights;
        List<DealTouch> touches = new ArrayList<>();
        for (DealTouch t : list(dealTouches)) {
            if (t != null && t.partnerId() != null && (t.accepted() || t.partnerId().equals(registrantId))) {
                touches.add(t);
            }
        }
        if (registrantId != null && touches.stream().noneMatch(t -> t.partnerId().equals(registrantId))) {
            touches.add(0, new DealTouch("sourced", registrantId, TouchType.SOURCED, null, true));
        }
        Set<String> ids = new HashSet<>();
        boolean idsUsable = touches.stream().allMatch(t -> t.touchId() != null && !t.touchId().isBlank()
                && ids.add(t.touchId()));
        List<Share> positive = new ArrayList<>();
        for (int i = 0; i < touches.size(); i++) {
            DealTouch t = touches.get(i);
            int weight = t.type() == null ? 0 : switch (t.type()) {
                // the registrant is the sourcing partner: another partner's SOURCED touch earns no sourced share
                case SOURCED -> t.partnerId().equals(registrantId) ? shares.sourced() : 0;
                case INFLUENCED -> shares.influenced();
                case DELIVERED -> shares.delivered();
            };
            if (weight > 0) {
                positive.add(new Share(t, ":" + (idsUsable ? t.touchId() : "touch" + i), weight));
            }
        }
        if (positive.stream().allMatch(s -> s.touch().partnerId().equals(registrantId))) {
            return null;
        }
        return positive;
    }

    private static List<AccrualLine> lines(Ctx ctx, List<Draft> drafts, List<DealTouch> touches, TouchShares weights) {
        List<Share> shares = drafts.stream().anyMatch(d -> d.shareable)
                ? shares(touches, weights, ctx.registrantId) : null;
        List<AccrualLine> lines = new ArrayList<>();
        for (Draft d : drafts) {
            if (!d.shareable || shares == null) {
                lines.add(line(ctx, d, d.key, ctx.registrantId, d.amount, d.uncapped, null, null, null, HALF_EVEN,
                        ""));
                continue;
            }
            long[] ratios = shares.stream().mapToLong(Share::weight).toArray();
            int total = shares.stream().mapToInt(Share::weight).sum();
            List<Money> parts = d.amount.allocate(ratios);
            List<Money> uncappedParts = d.uncapped == null ? null : d.uncapped.allocate(ratios);
            for (int i = 0; i < shares.size(); i++) {
                Money part = parts.get(i);
                if (part.signum() <= 0) {
                    continue;
                }
                Share share = shares.get(i);
                String shareText = "; " + share.touch().type() + " share " + share.weight() + "/" + total
                        + " to partner " + share.touch().partnerId() + " = " + fmt(part) + " (largest remainder)";
                lines.add(line(ctx, d, d.key + share.keySuffix(), share.touch().partnerId(), part,
                        uncappedParts == null ? null : uncappedParts.get(i), share.touch().type(), share.weight(),
                        total, ALLOCATED, shareText));
            }
        }
        return unique(lines);
    }

    private static AccrualLine line(Ctx ctx, Draft d, String key, String partnerId, Money amount, Money uncapped,
                                    TouchType shareType, Integer shareWeight, Integer shareTotal, String rounding,
                                    String shareText) {
        Money beforeCaps = d.uncapped == null ? d.amount : d.uncapped;
        String text = d.head + " = " + fmt(beforeCaps)
                + (d.uncapped == null ? "" : ", capped to " + fmt(d.amount) + " by " + d.capRule())
                + shareText;
        AccrualExplanation explanation = new AccrualExplanation(ctx.plan.planId(), ctx.plan.version(),
                d.rule.ruleId(), d.rule.kind(), d.base, d.rate, d.bounty, ctx.multiplier, uncapped, d.capRule(),
                shareType, shareWeight, shareTotal, rounding, text);
        return new AccrualLine(key, partnerId, d.kind, amount, explanation);
    }

    /** Keeps line keys unique even for a malformed plan (duplicate rule ids): repeats get "#2", "#3", ... */
    private static List<AccrualLine> unique(List<AccrualLine> lines) {
        Map<String, Integer> seen = new HashMap<>();
        List<AccrualLine> result = new ArrayList<>(lines.size());
        for (AccrualLine line : lines) {
            int n = seen.merge(line.lineKey(), 1, Integer::sum);
            result.add(n == 1 ? line : new AccrualLine(line.lineKey() + "#" + n, line.partnerId(), line.kind(),
                    line.amount(), line.explanation()));
        }
        return List.copyOf(result);
    }

    private static List<CommissionRule> rules(CommissionPlanTerms terms) {
        return list(terms.rules());
    }

    static <T> List<T> list(List<T> list) {
        return list == null ? List.of() : list;
    }

    static <K, V> Map<K, V> map(Map<K, V> map) {
        return map == null ? Map.of() : map;
    }

    /** "1,234.56 EUR" (grouped, the currency's minor digits). */
    static String fmt(Money money) {
        return String.format(Locale.ROOT, "%,." + money.currency().getDefaultFractionDigits() + "f",
                money.toMajor()) + " " + money.currency().getCurrencyCode();
    }

    /** "7.5%" for 0.075. */
    static String pct(BigDecimal rate) {
        return plain(rate.multiply(HUNDRED)) + "%";
    }

    static String plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }
}
