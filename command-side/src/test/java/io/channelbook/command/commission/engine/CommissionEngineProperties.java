package io.channelbook.command.commission.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.channelbook.api.commission.CommissionPlanTerms;
import io.channelbook.api.commission.CommissionRule;
import io.channelbook.api.commission.PeriodUnit;
import io.channelbook.api.commission.RateBand;
import io.channelbook.api.commission.RuleKind;
import io.channelbook.api.commission.TouchShares;
import io.channelbook.api.deal.DealTouch;
import io.channelbook.api.deal.LineItem;
import io.channelbook.api.deal.TouchType;
import io.channelbook.api.ledger.EntryKind;
import io.channelbook.api.money.Money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Invariants of the engine over many generated plans and deals.
 * <p>
 * These are property tests without jqwik: command-side does not have jqwik on its test class path (only shared-api
 * declares it), so each property runs over {@value #CASES} seeded {@link Random} inputs; a failure names its seed,
 * which reproduces it. Amounts stay below 10^9 minor units and rates at most 1, multipliers at most 3, so no sum
 * overflows a long.
 */
class CommissionEngineProperties {

    static final int CASES = 400;
    private static final String[] PRODUCTS = {"A", "B", "C", "D"};
    private static final String[] TIERS = {"GOLD", "SILVER", null};
    private static final RuleKind[] DEAL_KINDS = {RuleKind.FLAT_PER_DEAL, RuleKind.FLAT_PER_PRODUCT,
            RuleKind.PERCENT_OF_DEAL, RuleKind.PERCENT_PER_LINE, RuleKind.TIERED_MARGINAL,
            RuleKind.TIERED_RETROACTIVE, RuleKind.RECURRING_SHARE};

    static LongStream seeds() {
        return LongStream.range(0, CASES);
    }

    // ------------------------------------------------------------------------------------------ properties

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void sharesCreateOrLoseNoCent(long seed) {
        Case c = new Case(seed);
        CommissionPlanTerms unsplit = withShares(c.terms, TouchShares.SOURCED_ONLY);
        List<AccrualLine> split = CommissionEngine.accrueDeal(c.plan(c.terms), c.deal, c.facts);
        List<AccrualLine> whole = CommissionEngine.accrueDeal(c.plan(unsplit), c.deal, c.facts);

        assertThat(perRule(split)).as("seed %d", seed).isEqualTo(perRule(whole));
        assertThat(whole).as("seed %d", seed).allSatisfy(l -> {
            assertThat(l.partnerId()).isEqualTo("p1");
            assertThat(l.explanation().shareType()).isNull();
        });
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void recurringSharesCreateOrLoseNoCent(long seed) {
        Case c = new Case(seed);
        Money billed = Money.ofMinor(c.random.nextInt(1_000_000), "EUR");
        int period = 1 + c.random.nextInt(30);
        List<AccrualLine> split = CommissionEngine.accrueRecurring(c.plan(c.terms), c.deal, c.facts, "A", period,
                billed);
        List<AccrualLine> whole = CommissionEngine.accrueRecurring(
                c.plan(withShares(c.terms, TouchShares.SOURCED_ONLY)), c.deal, c.facts, "A", period, billed);

        assertThat(perRule(split)).as("seed %d", seed).isEqualTo(perRule(whole));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void linesArePositiveWithUniqueKeysAndWithinTheCaps(long seed) {
        Case c = new Case(seed);
        List<AccrualLine> lines = CommissionEngine.accrueDeal(c.plan(c.terms), c.deal, c.facts);

        assertThat(lines).as("seed %d", seed).allSatisfy(l -> {
            assertThat(l.amount().signum()).isPositive();
            assertThat(l.amount().currency()).isEqualTo(c.deal.amount().currency());
            assertThat(l.explanation().planId()).isEqualTo("P");
            assertThat(l.explanation().text()).isNotBlank();
        });
        assertThat(lines).extracting(AccrualLine::lineKey).as("seed %d", seed).doesNotHaveDuplicates();
        long total = lines.stream().mapToLong(l -> l.amount().amountMinor()).sum();
        boolean eur = c.deal.amount().currency().getCurrencyCode().equals("EUR"); // plan caps are in EUR
        if (eur && c.terms.capPerDeal() != null) {
            assertThat(total).as("seed %d", seed).isLessThanOrEqualTo(c.terms.capPerDeal().amountMinor());
        }
        if (eur && c.terms.capPerPeriod() != null) {
            long room = Math.max(0, c.terms.capPerPeriod().amountMinor() - c.facts.periodAccruedBefore().amountMinor());
            assertThat(total).as("seed %d", seed).isLessThanOrEqualTo(room);
        }
        Map<String, Long> byRule = perRule(lines).entrySet().stream()
                .collect(Collectors.toMap(e -> e.getKey().split(" ")[0], Map.Entry::getValue, Long::sum));
        for (CommissionRule rule : c.terms.rules()) {
            if (rule.capPerDeal() != null) {
                assertThat(byRule.getOrDefault(rule.ruleId(), 0L)).as("seed %d rule %s", seed, rule.ruleId())
                        .isLessThanOrEqualTo(rule.capPerDeal().amountMinor());
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void accrueDealIsDeterministic(long seed) {
        Case first = new Case(seed);
        Case again = new Case(seed); // equal, separately built input
        assertThat(CommissionEngine.accrueDeal(again.plan(again.terms), again.deal, again.facts)).as("seed %d", seed)
                .isEqualTo(CommissionEngine.accrueDeal(first.plan(first.terms), first.deal, first.facts))
                .isEqualTo(CommissionEngine.accrueDeal(first.plan(first.terms), first.deal, first.facts));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void publishingALaterVersionChangesNoPastAccrual(long seed) {
        Case c = new Case(seed);
        Random random = c.random;
        List<PlanVersion> versions = new ArrayList<>();
        LocalDate effective = LocalDate.of(2025, 1, 1);
        int count = 1 + random.nextInt(4);
        for (int v = 1; v <= count; v++) {
            versions.add(new PlanVersion("P", v, effective, new Case(random.nextLong()).terms));
            effective = effective.plusDays(1 + random.nextInt(200));
        }
        java.util.Collections.shuffle(versions, random);
        LocalDate close = LocalDate.of(2025, 1, 1).plusDays(random.nextInt(900));
        PlanVersion before = CommissionEngine.versionFor(versions, close).orElseThrow();
        List<AccrualLine> linesBefore = CommissionEngine.accrueDeal(before, c.deal, c.facts);

        List<PlanVersion> published = new ArrayList<>(versions);
        LocalDate later = effective.isAfter(close) ? effective : close.plusDays(1 + random.nextInt(30));
        published.add(random.nextInt(published.size() + 1),
                new PlanVersion("P", count + 1, later, new Case(random.nextLong()).terms));
        PlanVersion after = CommissionEngine.versionFor(published, close).orElseThrow();

        assertThat(after).as("seed %d", seed).isEqualTo(before);
        assertThat(CommissionEngine.accrueDeal(after, c.deal, c.facts)).as("seed %d", seed).isEqualTo(linesBefore);
        assertThat(CommissionEngine.versionFor(published, later)).as("seed %d", seed)
                .hasValueSatisfying(v -> assertThat(v.version()).isEqualTo(count + 1));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void remainingShareEndsExactlyAndIsMonotone(long seed) {
        Random random = new Random(seed);
        Money original = Money.ofMinor(random.nextLong(-1_000_000_000L, 1_000_000_000L), "EUR");
        long accruedOn = 1 + random.nextLong(1_000_000_000L);
        long a = random.nextLong(accruedOn + 1);
        long b = random.nextLong(accruedOn + 1);
        long low = Math.min(a, b);
        long high = Math.max(a, b);

        assertThat(CommissionEngine.remainingShare(original, eur(0), eur(accruedOn))).as("seed %d", seed)
                .isEqualTo(Money.zero(original.currency()));
        assertThat(CommissionEngine.remainingShare(original, eur(accruedOn), eur(accruedOn))).as("seed %d", seed)
                .isEqualTo(original);
        Money atLow = CommissionEngine.remainingShare(original, eur(low), eur(accruedOn));
        Money atHigh = CommissionEngine.remainingShare(original, eur(high), eur(accruedOn));
        // monotone in the direction of the original's sign, and never beyond zero or the original
        assertThat(Math.abs(atLow.amountMinor())).as("seed %d", seed).isLessThanOrEqualTo(Math.abs(atHigh.amountMinor()));
        assertThat(Math.abs(atHigh.amountMinor())).as("seed %d", seed)
                .isLessThanOrEqualTo(Math.abs(original.amountMinor()));
        assertThat(atLow.signum()).as("seed %d", seed).isIn(0, original.signum());
        // and exactly the HALF_EVEN rounding of original × low / accruedOn (BigDecimal as the independent oracle)
        BigDecimal exact = BigDecimal.valueOf(original.amountMinor()).multiply(BigDecimal.valueOf(low))
                .divide(BigDecimal.valueOf(accruedOn), 0, RoundingMode.HALF_EVEN);
        assertThat(atLow.amountMinor()).as("seed %d", seed).isEqualTo(exact.longValueExact());
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void remainingShareIsExactOnSmallFractions(long seed) {
        // small numbers hit exact halves of non-terminating quotients (3 × 1/6) far more often
        Random random = new Random(seed);
        long accruedOn = 1 + random.nextInt(12);
        long remaining = random.nextLong(accruedOn + 1);
        long original = random.nextInt(-50, 51);
        BigDecimal exact = BigDecimal.valueOf(original * remaining)
                .divide(BigDecimal.valueOf(accruedOn), 0, RoundingMode.HALF_EVEN);
        assertThat(CommissionEngine.remainingShare(eur(original), eur(remaining), eur(accruedOn)).amountMinor())
                .as("seed %d: %d × %d / %d", seed, original, remaining, accruedOn).isEqualTo(exact.longValueExact());
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void generatedPlansAreValidAndDraftsOfRandomJunkNeverThrow(long seed) {
        Case c = new Case(seed);
        assertThat(CommissionEngine.problems(c.terms)).as("seed %d", seed).isEmpty();
        assertThat(CommissionEngine.rebates(c.plan(c.terms), c.facts, "2026-Q4", Money.ofMinor(
                c.random.nextInt(1_000_000_000), "EUR"))).as("seed %d", seed)
                .allSatisfy(l -> assertThat(l.kind()).isEqualTo(EntryKind.REBATE));
    }

    // ------------------------------------------------------------------------------------------ generators

    /** Sum of line amounts per "ruleId kind" (shares and line indexes folded together). */
    private static Map<String, Long> perRule(List<AccrualLine> lines) {
        Map<String, Long> sums = new HashMap<>();
        for (AccrualLine l : lines) {
            sums.merge(l.explanation().ruleId() + " " + l.kind(), l.amount().amountMinor(), Long::sum);
        }
        return sums;
    }

    private static CommissionPlanTerms withShares(CommissionPlanTerms t, TouchShares shares) {
        return new CommissionPlanTerms(t.rules(), t.tierMultipliers(), t.partnerMultipliers(), t.productCategories(),
                t.capPerDeal(), t.capPerPeriod(), shares, t.holdDays(), t.period());
    }

    private static Money eur(long minor) {
        return Money.ofMinor(minor, "EUR");
    }

    /** One generated input: valid plan terms, a deal in EUR (sometimes USD) with touches, and partner facts. */
    private static final class Case {
        final Random random;
        final CommissionPlanTerms terms;
        final DealFacts deal;
        final PartnerFacts facts;

        Case(long seed) {
            random = new Random(seed);
            terms = terms();
            deal = deal();
            facts = facts();
        }

        PlanVersion plan(CommissionPlanTerms t) {
            return new PlanVersion("P", 1, LocalDate.of(2026, 1, 1), t);
        }

        private Money money(int maxMajor) {
            return eur(random.nextLong(maxMajor * 100L + 1));
        }

        private BigDecimal rate() {
            return BigDecimal.valueOf(random.nextInt(3001), 4); // 0 .. 30%, up to 4 decimals
        }

        private BigDecimal multiplier() {
            return BigDecimal.valueOf(1 + random.nextInt(300), 2); // 0.01 .. 3.00
        }

        private CommissionPlanTerms terms() {
            int n = 1 + random.nextInt(5);
            List<CommissionRule> rules = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                rules.add(rule("r" + i, DEAL_KINDS[random.nextInt(DEAL_KINDS.length)]));
            }
            if (random.nextInt(4) == 0) {
                rules.add(new CommissionRule("vol", RuleKind.VOLUME_REBATE, null, null, null, rate(), null, null,
                        null, null, money(100_000), null, null));
            }
            Map<String, BigDecimal> tiers = new LinkedHashMap<>();
            if (random.nextBoolean()) {
                tiers.put("GOLD", multiplier());
            }
            Map<String, BigDecimal> partners = new LinkedHashMap<>();
            if (random.nextInt(4) == 0) {
                partners.put("p1", multiplier());
            }
            Map<String, String> categories = Map.of("A", "hw", "B", "hw", "C", "sw");
            TouchShares shares = new TouchShares(1 + random.nextInt(100), random.nextInt(100), random.nextInt(3) == 0
                    ? 0 : random.nextInt(100));
            Money capPerDeal = random.nextInt(3) == 0 ? money(5_000) : null;
            Money capPerPeriod = random.nextInt(3) == 0 ? money(20_000) : null;
            return new CommissionPlanTerms(rules, tiers, partners, categories, capPerDeal, capPerPeriod, shares,
                    random.nextInt(91), PeriodUnit.values()[random.nextInt(3)]);
        }

        private CommissionRule rule(String id, RuleKind kind) {
            Money cap = random.nextInt(4) == 0 ? money(3_000) : null;
            return switch (kind) {
                case FLAT_PER_DEAL -> new CommissionRule(id, kind, null, money(2_000), null, null, null, null, null,
                        null, null, null, cap);
                case FLAT_PER_PRODUCT -> new CommissionRule(id, kind, null, null,
                        Map.of("A", money(500), "C", money(50)), null, null, null, null, null, null, null, cap);
                case PERCENT_OF_DEAL -> new CommissionRule(id, kind, null, null, null, rate(), null, null, null, null,
                        null, null, cap);
                case PERCENT_PER_LINE -> new CommissionRule(id, kind, null, null, null,
                        random.nextBoolean() ? rate() : null, Map.of("A", rate()), Map.of("hw", rate()), null, null,
                        null, null, cap);
                case TIERED_MARGINAL, TIERED_RETROACTIVE -> {
                    List<RateBand> bands = new ArrayList<>();
                    long from = 0;
                    for (int b = 0, count = 1 + random.nextInt(4); b < count; b++) {
                        bands.add(new RateBand(eur(from), rate()));
                        from += 1 + random.nextLong(5_000_000L);
                    }
                    yield new CommissionRule(id, kind, null, null, null, null, null, null, bands, null, null, null,
                            cap);
                }
                case RECURRING_SHARE -> new CommissionRule(id, kind, null, null, null, rate(), null, null, null,
                        1 + random.nextInt(24), null, null, cap);
                default -> throw new IllegalStateException(kind.toString());
            };
        }

        private DealFacts deal() {
            String currency = random.nextInt(8) == 0 ? "USD" : "EUR";
            List<LineItem> items = new ArrayList<>();
            long total = 0;
            for (int i = 0, n = random.nextInt(5); i < n; i++) {
                long amount = random.nextLong(2_000_000L);
                total += amount;
                boolean recurring = random.nextInt(4) == 0;
                items.add(new LineItem(PRODUCTS[random.nextInt(PRODUCTS.length)], Money.ofMinor(amount, currency),
                        recurring, recurring ? 12 : null));
            }
            long amount = items.isEmpty() ? random.nextLong(10_000_000L) : total;
            List<DealTouch> touches = new ArrayList<>();
            touches.add(new DealTouch("t0", "p1", TouchType.SOURCED, null, true));
            for (int i = 1, n = random.nextInt(4); i <= n; i++) {
                touches.add(new DealTouch("t" + i, "p" + (1 + random.nextInt(4)),
                        TouchType.values()[random.nextInt(3)], null, random.nextInt(5) != 0));
            }
            return new DealFacts("reg", "p1", Money.ofMinor(amount, currency), LocalDate.of(2026, 5, 5), items,
                    touches);
        }

        private PartnerFacts facts() {
            Map<String, Money> byRule = new HashMap<>();
            for (int i = 0; i < 5; i++) {
                if (random.nextBoolean()) {
                    byRule.put("r" + i, money(2_000));
                }
            }
            return new PartnerFacts("p1", TIERS[random.nextInt(TIERS.length)], money(100_000), money(10_000), byRule,
                    money(100_000));
        }
    }
}
