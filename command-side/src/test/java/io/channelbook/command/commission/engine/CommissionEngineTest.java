package io.channelbook.command.commission.engine;

import static io.channelbook.api.commission.RuleKind.FLAT_PER_DEAL;
import static io.channelbook.api.commission.RuleKind.FLAT_PER_PRODUCT;
import static io.channelbook.api.commission.RuleKind.GROWTH_REBATE;
import static io.channelbook.api.commission.RuleKind.PERCENT_OF_DEAL;
import static io.channelbook.api.commission.RuleKind.PERCENT_PER_LINE;
import static io.channelbook.api.commission.RuleKind.RECURRING_SHARE;
import static io.channelbook.api.commission.RuleKind.TIERED_MARGINAL;
import static io.channelbook.api.commission.RuleKind.TIERED_RETROACTIVE;
import static io.channelbook.api.commission.RuleKind.VOLUME_REBATE;
import static io.channelbook.api.ledger.EntryKind.ACCRUAL;
import static io.channelbook.api.ledger.EntryKind.RECURRING;
import static io.channelbook.api.ledger.EntryKind.REBATE;
import static io.channelbook.api.ledger.EntryKind.TRUE_UP;
import static io.channelbook.command.commission.engine.Fixtures.CLOSE;
import static io.channelbook.command.commission.engine.Fixtures.cents;
import static io.channelbook.command.commission.engine.Fixtures.deal;
import static io.channelbook.command.commission.engine.Fixtures.dec;
import static io.channelbook.command.commission.engine.Fixtures.eur;
import static io.channelbook.command.commission.engine.Fixtures.facts;
import static io.channelbook.command.commission.engine.Fixtures.monthly;
import static io.channelbook.command.commission.engine.Fixtures.oneOff;
import static io.channelbook.command.commission.engine.Fixtures.p1;
import static io.channelbook.command.commission.engine.Fixtures.plan;
import static io.channelbook.command.commission.engine.Fixtures.rule;
import static io.channelbook.command.commission.engine.Fixtures.terms;
import static io.channelbook.command.commission.engine.Fixtures.touch;
import static io.channelbook.command.commission.engine.Fixtures.usd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.channelbook.api.commission.CommissionPlanTerms;
import io.channelbook.api.commission.CommissionRule;
import io.channelbook.api.commission.PeriodUnit;
import io.channelbook.api.commission.RateBand;
import io.channelbook.api.commission.TouchShares;
import io.channelbook.api.deal.DealTouch;
import io.channelbook.api.deal.TouchType;
import io.channelbook.api.ledger.AccrualExplanation;
import io.channelbook.api.money.Money;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.assertj.core.api.AbstractListAssert;
import org.assertj.core.api.ObjectAssert;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CommissionEngineTest {

    /** (lineKey, partnerId, kind, amount in cents) of each line. */
    private static AbstractListAssert<?, List<? extends Tuple>, Tuple, ObjectAssert<Tuple>> assertLines(List<AccrualLine> lines) {
        return assertThat(lines).extracting(AccrualLine::lineKey, AccrualLine::partnerId, AccrualLine::kind,
                l -> l.amount().amountMinor());
    }

    @Nested
    class Rules {

        @Test
        void flatPerDealPaysTheBountyOnce() {
            List<AccrualLine> lines = CommissionEngine.accrueDeal(
                    plan(terms(rule("r1", FLAT_PER_DEAL).bounty(eur("500.00")))), deal(eur("10000.00")), p1());

            assertLines(lines).containsExactly(tuple("r1", "p1", ACCRUAL, 50_000L));
            AccrualExplanation e = lines.get(0).explanation();
            assertThat(e.planId()).isEqualTo("P");
            assertThat(e.planVersion()).isEqualTo(2);
            assertThat(e.ruleId()).isEqualTo("r1");
            assertThat(e.ruleKind()).isEqualTo(FLAT_PER_DEAL);
            assertThat(e.base()).isEqualTo(eur("10000.00"));
            assertThat(e.bounty()).isEqualTo(eur("500.00"));
            assertThat(e.rate()).isNull();
            assertThat(e.multiplier()).isEqualByComparingTo("1");
            assertThat(e.uncapped()).isNull();
            assertThat(e.capRule()).isNull();
            assertThat(e.shareType()).isNull();
            assertThat(e.rounding()).isEqualTo("HALF_EVEN to the minor unit");
            assertThat(e.text()).isEqualTo("500.00 EUR per deal (FLAT_PER_DEAL rule r1, plan P v2) = 500.00 EUR");
        }

        @Test
        void percentOfDealRoundsHalfEvenOnce() {
            // 12,345.67 × 7.5% = 925.92525 → 925.93 (above the half)
            assertLines(CommissionEngine.accrueDeal(plan(terms(rule("r1", PERCENT_OF_DEAL).rate("0.075"))),
                    deal(eur("12345.67")), p1())).containsExactly(tuple("r1", "p1", ACCRUAL, 92_593L));
            // 1,234.50 × 1% = 12.345 → exactly half → 12.34 (even); 1,235.50 × 1% = 12.355 → 12.36 (even)
            assertLines(CommissionEngine.accrueDeal(plan(terms(rule("r1", PERCENT_OF_DEAL).rate("0.01"))),
                    deal(eur("1234.50")), p1())).containsExactly(tuple("r1", "p1", ACCRUAL, 1_234L));
            assertLines(CommissionEngine.accrueDeal(plan(terms(rule("r1", PERCENT_OF_DEAL).rate("0.01"))),
                    deal(eur("1235.50")), p1())).containsExactly(tuple("r1", "p1", ACCRUAL, 1_236L));
        }

        @Test
        void percentOfDealIsExplained() {
            AccrualExplanation e = CommissionEngine.accrueDeal(
                    plan(terms(rule("r1", PERCENT_OF_DEAL).rate("0.10"))), deal(eur("1000.00")), p1())
                    .get(0).explanation();

            assertThat(e.base()).isEqualTo(eur("1000.00"));
            assertThat(e.rate()).isEqualByComparingTo("0.10");
            assertThat(e.bounty()).isNull();
            assertThat(e.text()).isEqualTo("10% of 1,000.00 EUR (PERCENT_OF_DEAL rule r1, plan P v2) = 100.00 EUR");
        }

        @Test
        void hybridPlanAddsAFlatAndAPercentageRule() {
            // 250.00 bounty + 5% of 20,000.00 = 1,000.00
            assertLines(CommissionEngine.accrueDeal(plan(terms(
                    rule("flat", FLAT_PER_DEAL).bounty(eur("250.00")),
                    rule("pct", PERCENT_OF_DEAL).rate("0.05"))), deal(eur("20000.00")), p1()))
                    .containsExactly(tuple("flat", "p1", ACCRUAL, 25_000L), tuple("pct", "p1", ACCRUAL, 100_000L));
        }

        @Test
        void flatPerProductPaysPerLineItemOfAProductWithABounty() {
            // A (line 0): 100.00; C (line 1): no bounty; A again (line 2): 100.00; B has a bounty but no line
            List<AccrualLine> lines = CommissionEngine.accrueDeal(plan(terms(rule("r1", FLAT_PER_PRODUCT)
                            .productBounty("A", eur("100.00")).productBounty("B", eur("50.00")))),
                    deal(eur("1800.00"), List.of(oneOff("A", eur("1000.00")), oneOff("C", eur("500.00")),
                            monthly("A", eur("300.00"), 12))), p1());

            assertLines(lines).containsExactly(tuple("r1/0", "p1", ACCRUAL, 10_000L),
                    tuple("r1/2", "p1", ACCRUAL, 10_000L));
            assertThat(lines.get(0).explanation().base()).isEqualTo(eur("1000.00"));
            assertThat(lines.get(0).explanation().bounty()).isEqualTo(eur("100.00"));
        }

        @Test
        void percentPerLineUsesProductThenCategoryThenDefaultRate() {
            // A: product rate 10% of 1,000.00 = 100.00
            // B: category hw 5% of 2,000.00 = 100.00
            // C: category sw has no rate → default 2% of 333.33 = 6.6666 → 6.67
            // D: recurring → not a one-off line, nothing
            List<AccrualLine> lines = CommissionEngine.accrueDeal(plan(terms(rule("r1", PERCENT_PER_LINE)
                            .productRate("A", "0.10").categoryRate("hw", "0.05").rate("0.02"))
                            .category("B", "hw").category("C", "sw").category("A", "hw")),
                    deal(eur("3333.33"), List.of(oneOff("A", eur("1000.00")), oneOff("B", eur("2000.00")),
                            oneOff("C", eur("333.33")), monthly("D", eur("100.00"), 12))), p1());

            assertLines(lines).containsExactly(tuple("r1/0", "p1", ACCRUAL, 10_000L),
                    tuple("r1/1", "p1", ACCRUAL, 10_000L), tuple("r1/2", "p1", ACCRUAL, 667L));
            assertThat(lines).extracting(l -> l.explanation().rate().toPlainString())
                    .containsExactly("0.10", "0.05", "0.02");
            assertThat(lines.get(1).explanation().base()).isEqualTo(eur("2000.00"));
            assertThat(lines.get(1).explanation().text()).contains("category hw rate");
        }

        @Test
        void percentPerLineWithoutAnApplicableRateEarnsNothingForThatLine() {
            // no default rate: only A (10% of 1,000.00) earns
            assertLines(CommissionEngine.accrueDeal(plan(terms(rule("r1", PERCENT_PER_LINE).productRate("A", "0.10"))),
                    deal(eur("1500.00"), List.of(oneOff("A", eur("1000.00")), oneOff("Z", eur("500.00")))), p1()))
                    .containsExactly(tuple("r1/0", "p1", ACCRUAL, 10_000L));
        }

        @Test
        void marginalBandsSliceADealCrossingTwoBands() {
            // bands 0: 2%, 10,000: 5%, 50,000: 8%; 8,000 counted before, deal 5,000
            // 2,000 in band 0 at 2% = 40.00; 3,000 in band 1 at 5% = 150.00
            List<AccrualLine> lines = CommissionEngine.accrueDeal(plan(terms(rule("r1", TIERED_MARGINAL)
                            .band(eur("0"), "0.02").band(eur("10000"), "0.05").band(eur("50000"), "0.08"))),
                    deal(eur("5000.00")), facts(null, eur("8000.00"), eur("0"), Map.of(), eur("0")));

            assertLines(lines).containsExactly(tuple("r1/band0", "p1", ACCRUAL, 4_000L),
                    tuple("r1/band1", "p1", ACCRUAL, 15_000L));
            assertThat(lines).extracting(l -> l.explanation().base()).containsExactly(eur("2000.00"), eur("3000.00"));
        }

        @Test
        void marginalBandsAreSortedAndVolumeBelowTheFirstBandEarnsNothing() {
            // bands given out of order; first band starts at 1,000: the first 1,000 of the period earn nothing
            // deal 1,500 from 0: 1,000 nothing, 500 at 10% = 50.00
            assertLines(CommissionEngine.accrueDeal(plan(terms(rule("r1", TIERED_MARGINAL)
                            .band(eur("5000"), "0.20").band(eur("1000"), "0.10"))), deal(eur("1500.00")), p1()))
                    .containsExactly(tuple("r1/band0", "p1", ACCRUAL, 5_000L));
        }

        @Test
        void retroactiveBandCrossingBooksATrueUp() {
            // bands 0: 2%, 10,000: 5%; 8,000 before (accrued 160.00 = 2%); deal 5,000 → 13,000 reaches 5%
            // deal: 5,000 × 5% = 250.00; true-up: 8,000 × 5% = 400.00 − 160.00 = 240.00
            List<AccrualLine> lines = CommissionEngine.accrueDeal(plan(terms(rule("r1", TIERED_RETROACTIVE)
                            .band(eur("0"), "0.02").band(eur("10000"), "0.05"))),
                    deal(eur("5000.00")), facts(null, eur("8000.00"), eur("0"), Map.of("r1", eur("160.00")), eur("0")));

            assertLines(lines).containsExactly(tuple("r1", "p1", ACCRUAL, 25_000L),
                    tuple("r1:true-up", "p1", TRUE_UP, 24_000L));
            AccrualExplanation trueUp = lines.get(1).explanation();
            assertThat(trueUp.base()).isEqualTo(eur("8000.00"));
            assertThat(trueUp.rate()).isEqualByComparingTo("0.05");
            assertThat(trueUp.text()).isEqualTo("true-up: 5% of 8,000.00 EUR earlier period volume "
                    + "(TIERED_RETROACTIVE rule r1, plan P v2) = 400.00 EUR, less 160.00 EUR already accrued by the "
                    + "rule = 240.00 EUR");
        }

        @Test
        void retroactiveWithinTheSameBandHasNoTrueUp() {
            // 12,000 before, accrued 600.00 (= 5%); deal 1,000 → 50.00, nothing to true up
            assertLines(CommissionEngine.accrueDeal(plan(terms(rule("r1", TIERED_RETROACTIVE)
                            .band(eur("0"), "0.02").band(eur("10000"), "0.05"))),
                    deal(eur("1000.00")), facts(null, eur("12000.00"), eur("0"), Map.of("r1", eur("600.00")), eur("0"))))
                    .containsExactly(tuple("r1", "p1", ACCRUAL, 5_000L));
        }

        @Test
        void retroactiveTrueUpUsesTheMultiplierAndGoesToTheRegistrantAlone() {
            // GOLD 1.5: deal 5,000 × 5% × 1.5 = 375.00 split 70/30 → 262.50 / 112.50
            // true-up: 8,000 × 5% × 1.5 = 600.00 − 240.00 accrued = 360.00, registrant only
            List<AccrualLine> lines = CommissionEngine.accrueDeal(plan(terms(rule("r1", TIERED_RETROACTIVE)
                            .band(eur("0"), "0.02").band(eur("10000"), "0.05")).tier("GOLD", "1.5").shares(70, 30, 0)),
                    deal(eur("5000.00"), List.of(), touch("t2", "p2", TouchType.INFLUENCED)),
                    facts("GOLD", eur("8000.00"), eur("0"), Map.of("r1", eur("240.00")), eur("0")));

            assertLines(lines).containsExactly(tuple("r1:t1", "p1", ACCRUAL, 26_250L),
                    tuple("r1:t2", "p2", ACCRUAL, 11_250L), tuple("r1:true-up", "p1", TRUE_UP, 36_000L));
        }

        @Test
        void recurringShareWithinAndAfterItsMonths() {
            // 10% of 99.99 billed = 9.999 → 10.00, for periods 1..12 only
            PlanVersion plan = plan(terms(rule("rec", RECURRING_SHARE).rate("0.10").months(12),
                    rule("pct", PERCENT_OF_DEAL).rate("0.50")));
            DealFacts deal = deal(eur("1199.88"), List.of(monthly("SaaS", eur("99.99"), 24)));

            List<AccrualLine> twelfth = CommissionEngine.accrueRecurring(plan, deal, p1(), "SaaS", 12, eur("99.99"));
            assertLines(twelfth).containsExactly(tuple("rec/SaaS/12", "p1", RECURRING, 1_000L));
            assertThat(twelfth.get(0).explanation().base()).isEqualTo(eur("99.99"));
            assertThat(CommissionEngine.accrueRecurring(plan, deal, p1(), "SaaS", 13, eur("99.99"))).isEmpty();
            assertThat(CommissionEngine.accrueRecurring(plan, deal, p1(), "SaaS", 0, eur("99.99"))).isEmpty();
        }

        @Test
        void recurringShareIsNotPaidAtCloseAndDealRulesAreNotPaidPerPeriod() {
            PlanVersion plan = plan(terms(rule("rec", RECURRING_SHARE).rate("0.10").months(12),
                    rule("pct", PERCENT_OF_DEAL).rate("0.01")));
            // at close: only 1% of 1,000.00 = 10.00
            assertLines(CommissionEngine.accrueDeal(plan, deal(eur("1000.00")), p1()))
                    .containsExactly(tuple("pct", "p1", ACCRUAL, 1_000L));
        }

        @Test
        void recurringShareRespectsTheRuleCapMultiplierAndShares() {
            // 20% × 1.2 of 1,000.00 = 240.00, capped at 200.00, split 50/50 → 100.00 / 100.00
            PlanVersion plan = plan(terms(rule("rec", RECURRING_SHARE).rate("0.20").months(3).cap(eur("200.00")))
                    .tier("GOLD", "1.2").shares(50, 0, 50));
            DealFacts deal = deal(eur("1000.00"), List.of(), touch("t3", "p3", TouchType.DELIVERED));

            List<AccrualLine> lines = CommissionEngine.accrueRecurring(plan, deal,
                    facts("GOLD", eur("0"), eur("0"), Map.of(), eur("0")), "SaaS", 1, eur("1000.00"));

            assertLines(lines).containsExactly(tuple("rec/SaaS/1:t1", "p1", RECURRING, 10_000L),
                    tuple("rec/SaaS/1:t3", "p3", RECURRING, 10_000L));
            assertThat(lines.get(0).explanation().uncapped()).isEqualTo(eur("120.00"));
            assertThat(lines.get(0).explanation().capRule()).isEqualTo("rule rec capPerDeal");
        }
    }

    @Nested
    class Caps {

        @Test
        void ruleCapPerDealCapsThatRule() {
            // 10% of 10,000.00 = 1,000.00, rule cap 500.00; flat 100.00 untouched
            List<AccrualLine> lines = CommissionEngine.accrueDeal(plan(terms(
                    rule("r1", PERCENT_OF_DEAL).rate("0.10").cap(eur("500.00")),
                    rule("r2", FLAT_PER_DEAL).bounty(eur("100.00")))), deal(eur("10000.00")), p1());

            assertLines(lines).containsExactly(tuple("r1", "p1", ACCRUAL, 50_000L),
                    tuple("r2", "p1", ACCRUAL, 10_000L));
            assertThat(lines.get(0).explanation().uncapped()).isEqualTo(eur("1000.00"));
            assertThat(lines.get(0).explanation().capRule()).isEqualTo("rule r1 capPerDeal");
            assertThat(lines.get(0).explanation().text()).isEqualTo("10% of 10,000.00 EUR (PERCENT_OF_DEAL rule r1, "
                    + "plan P v2) = 1,000.00 EUR, capped to 500.00 EUR by rule r1 capPerDeal");
            assertThat(lines.get(1).explanation().uncapped()).isNull();
        }

        @Test
        void planCapPerDealCutsFromTheLastLineFirst() {
            // flat 300.00 + 10% of 10,000.00 = 1,000.00 → 1,300.00; cap 1,000.00 → the last line loses 300.00
            List<AccrualLine> lines = CommissionEngine.accrueDeal(plan(terms(
                    rule("r1", FLAT_PER_DEAL).bounty(eur("300.00")),
                    rule("r2", PERCENT_OF_DEAL).rate("0.10")).capPerDeal(eur("1000.00"))), deal(eur("10000.00")), p1());

            assertLines(lines).containsExactly(tuple("r1", "p1", ACCRUAL, 30_000L),
                    tuple("r2", "p1", ACCRUAL, 70_000L));
            assertThat(lines.get(0).explanation().capRule()).isNull();
            assertThat(lines.get(1).explanation().uncapped()).isEqualTo(eur("1000.00"));
            assertThat(lines.get(1).explanation().capRule()).isEqualTo("plan capPerDeal");
        }

        @Test
        void planCapPerDealDropsLinesCutToZero() {
            // 1,300.00 capped at 200.00: r2 (1,000.00) cut to nothing and dropped, r1 300.00 → 200.00
            List<AccrualLine> lines = CommissionEngine.accrueDeal(plan(terms(
                    rule("r1", FLAT_PER_DEAL).bounty(eur("300.00")),
                    rule("r2", PERCENT_OF_DEAL).rate("0.10")).capPerDeal(eur("200.00"))), deal(eur("10000.00")), p1());

            assertLines(lines).containsExactly(tuple("r1", "p1", ACCRUAL, 20_000L));
            assertThat(lines.get(0).explanation().uncapped()).isEqualTo(eur("300.00"));
        }

        @Test
        void planCapPerPeriodLeavesOnlyTheRoomLeftInThePeriod() {
            // cap 5,000.00, 4,800.00 accrued before → room 200.00 of 300.00 + 1,000.00
            List<AccrualLine> lines = CommissionEngine.accrueDeal(plan(terms(
                            rule("r1", FLAT_PER_DEAL).bounty(eur("300.00")),
                            rule("r2", PERCENT_OF_DEAL).rate("0.10")).capPerPeriod(eur("5000.00"))),
                    deal(eur("10000.00")), facts(null, eur("0"), eur("4800.00"), Map.of(), eur("0")));

            assertLines(lines).containsExactly(tuple("r1", "p1", ACCRUAL, 20_000L));
            assertThat(lines.get(0).explanation().capRule()).isEqualTo("plan capPerPeriod");
        }

        @Test
        void periodCapAlreadyReachedLeavesNothing() {
            assertThat(CommissionEngine.accrueDeal(plan(terms(rule("r1", PERCENT_OF_DEAL).rate("0.10"))
                            .capPerPeriod(eur("5000.00"))), deal(eur("10000.00")),
                    facts(null, eur("0"), eur("5200.00"), Map.of(), eur("0")))).isEmpty();
        }

        @Test
        void bothPlanCapsAreNamedWhenBothCut() {
            // 1,000.00 → deal cap 800.00 → period room 500.00
            List<AccrualLine> lines = CommissionEngine.accrueDeal(plan(terms(rule("r1", PERCENT_OF_DEAL).rate("0.10"))
                            .capPerDeal(eur("800.00")).capPerPeriod(eur("1000.00"))), deal(eur("10000.00")),
                    facts(null, eur("0"), eur("500.00"), Map.of(), eur("0")));

            assertLines(lines).containsExactly(tuple("r1", "p1", ACCRUAL, 50_000L));
            assertThat(lines.get(0).explanation().uncapped()).isEqualTo(eur("1000.00"));
            assertThat(lines.get(0).explanation().capRule()).isEqualTo("plan capPerDeal, plan capPerPeriod");
        }

        @Test
        void planCapInAnotherCurrencyIsNotApplied() {
            assertLines(CommissionEngine.accrueDeal(plan(terms(rule("r1", PERCENT_OF_DEAL).rate("0.10"))
                    .capPerDeal(usd("10.00"))), deal(eur("1000.00")), p1()))
                    .containsExactly(tuple("r1", "p1", ACCRUAL, 10_000L));
        }
    }

    @Nested
    class Multipliers {

        @Test
        void tierMultiplierScalesEachLineRoundedOnce() {
            // 10% × 1.2 of 1,000.00 = 120.00; bounty 33.33 × 1.2 = 39.996 → 40.00
            List<AccrualLine> lines = CommissionEngine.accrueDeal(plan(terms(
                            rule("r1", PERCENT_OF_DEAL).rate("0.10"), rule("r2", FLAT_PER_DEAL).bounty(eur("33.33")))
                            .tier("GOLD", "1.2").tier("SILVER", "1.1")), deal(eur("1000.00")),
                    facts("GOLD", eur("0"), eur("0"), Map.of(), eur("0")));

            assertLines(lines).containsExactly(tuple("r1", "p1", ACCRUAL, 12_000L),
                    tuple("r2", "p1", ACCRUAL, 4_000L));
            assertThat(lines.get(0).explanation().multiplier()).isEqualByComparingTo("1.2");
            assertThat(lines.get(0).explanation().text()).isEqualTo(
                    "10% of 1,000.00 EUR (PERCENT_OF_DEAL rule r1, plan P v2) × 1.2 GOLD tier multiplier = 120.00 EUR");
        }

        @Test
        void multiplierIsFoldedIntoTheRateSoThereIsOneRounding() {
            // once: 0.5% × 3 = 1.5% of 1.00 = 1.5 cents → 2 (HALF_EVEN, to even)
            // rounding twice would lose it: 0.5% of 1.00 = 0.5 cent → 0, × 3 = 0
            assertLines(CommissionEngine.accrueDeal(plan(terms(rule("r1", PERCENT_OF_DEAL).rate("0.005"))
                            .tier("X", "3")), deal(eur("1.00")), facts("X", eur("0"), eur("0"), Map.of(), eur("0"))))
                    .containsExactly(tuple("r1", "p1", ACCRUAL, 2L));
        }

        @Test
        void partnerOverrideWinsOverTheTier() {
            // partner p1 1.5 beats GOLD 1.2: 10% × 1.5 of 1,000.00 = 150.00
            List<AccrualLine> lines = CommissionEngine.accrueDeal(plan(terms(rule("r1", PERCENT_OF_DEAL).rate("0.10"))
                            .tier("GOLD", "1.2").partner("p1", "1.5").partner("p9", "2")), deal(eur("1000.00")),
                    facts("GOLD", eur("0"), eur("0"), Map.of(), eur("0")));

            assertLines(lines).containsExactly(tuple("r1", "p1", ACCRUAL, 15_000L));
            assertThat(lines.get(0).explanation().text()).contains("× 1.5 partner p1 multiplier");
        }

        @Test
        void unknownTierMeansNoMultiplier() {
            assertLines(CommissionEngine.accrueDeal(plan(terms(rule("r1", PERCENT_OF_DEAL).rate("0.10"))
                    .tier("GOLD", "1.2")), deal(eur("1000.00")), facts("BRONZE", eur("0"), eur("0"), Map.of(), eur("0"))))
                    .containsExactly(tuple("r1", "p1", ACCRUAL, 10_000L));
        }
    }

    @Nested
    class Shares {

        @Test
        void threePartnersSixtyThirtyTenWithARemainderCent() {
            // 100.01 split 60/30/10: 60.006 / 30.003 / 10.001 → 60.00 / 30.00 / 10.00 + 1 cent left, to the
            // largest remainder (0.6 of a cent, the sourced share) → 60.01 / 30.00 / 10.00
            List<AccrualLine> lines = CommissionEngine.accrueDeal(
                    plan(terms(rule("r1", FLAT_PER_DEAL).bounty(eur("100.01"))).shares(60, 30, 10)),
                    deal(eur("5000.00"), List.of(), touch("t2", "p2", TouchType.INFLUENCED),
                            touch("t3", "p3", TouchType.DELIVERED)), p1());

            assertLines(lines).containsExactly(tuple("r1:t1", "p1", ACCRUAL, 6_001L),
                    tuple("r1:t2", "p2", ACCRUAL, 3_000L), tuple("r1:t3", "p3", ACCRUAL, 1_000L));
            assertThat(lines).extracting(l -> l.explanation().shareType(), l -> l.explanation().shareWeight(),
                            l -> l.explanation().shareTotal())
                    .containsExactly(tuple(TouchType.SOURCED, 60, 100), tuple(TouchType.INFLUENCED, 30, 100),
                            tuple(TouchType.DELIVERED, 10, 100));
            assertThat(lines).allSatisfy(l -> assertThat(l.explanation().rounding())
                    .isEqualTo("HALF_EVEN to the minor unit, then allocated by largest remainder"));
            assertThat(lines.get(1).explanation().text()).isEqualTo("100.01 EUR per deal (FLAT_PER_DEAL rule r1, "
                    + "plan P v2) = 100.01 EUR; INFLUENCED share 30/100 to partner p2 = 30.00 EUR (largest remainder)");
        }

        @Test
        void zeroWeightTouchesGetNothingAndUnacceptedTouchesDoNotCount() {
            // delivered weight 0, p4's touch not accepted: 100.00 split 80/20 between p1 and p2
            DealTouch notAccepted = new DealTouch("t4", "p4", TouchType.INFLUENCED, "claimed", false);
            List<AccrualLine> lines = CommissionEngine.accrueDeal(
                    plan(terms(rule("r1", FLAT_PER_DEAL).bounty(eur("100.00"))).shares(80, 20, 0)),
                    deal(eur("5000.00"), List.of(), touch("t2", "p2", TouchType.INFLUENCED),
                            touch("t3", "p3", TouchType.DELIVERED), notAccepted), p1());

            assertLines(lines).containsExactly(tuple("r1:t1", "p1", ACCRUAL, 8_000L),
                    tuple("r1:t2", "p2", ACCRUAL, 2_000L));
        }

        @Test
        void registrantAloneGetsEverythingUnsplit() {
            // default shares (SOURCED_ONLY): the influencer's weight is 0
            List<AccrualLine> lines = CommissionEngine.accrueDeal(plan(terms(rule("r1", FLAT_PER_DEAL)
                            .bounty(eur("100.00")))),
                    deal(eur("5000.00"), List.of(), touch("t2", "p2", TouchType.INFLUENCED)), p1());

            assertLines(lines).containsExactly(tuple("r1", "p1", ACCRUAL, 10_000L));
            assertThat(lines.get(0).explanation().shareType()).isNull();
            assertThat(lines.get(0).explanation().shareWeight()).isNull();
        }

        @Test
        void onlyTheRegistrantEarnsTheSourcedShare() {
            // p2 claims SOURCED too: weight 0, so p1 (sourced) and p3 (influenced) split 60/30
            // 100.00 × 60/90 = 66.666 → 66.66 + the left-over cent (largest remainder .666) = 66.67; 33.33
            List<AccrualLine> lines = CommissionEngine.accrueDeal(
                    plan(terms(rule("r1", FLAT_PER_DEAL).bounty(eur("100.00"))).shares(60, 30, 10)),
                    deal(eur("5000.00"), List.of(), touch("t2", "p2", TouchType.SOURCED),
                            touch("t3", "p3", TouchType.INFLUENCED)), p1());

            assertLines(lines).containsExactly(tuple("r1:t1", "p1", ACCRUAL, 6_667L),
                    tuple("r1:t3", "p3", ACCRUAL, 3_333L));
            assertThat(lines.get(0).explanation().shareTotal()).isEqualTo(90);
        }

        @Test
        void aPartnerWithTwoTouchesGetsTwoLinesWithUniqueKeys() {
            // p2 influenced and delivered: 100.00 split 50/25/25
            List<AccrualLine> lines = CommissionEngine.accrueDeal(
                    plan(terms(rule("r1", FLAT_PER_DEAL).bounty(eur("100.00"))).shares(50, 25, 25)),
                    deal(eur("5000.00"), List.of(), touch("t2", "p2", TouchType.INFLUENCED),
                            touch("t3", "p2", TouchType.DELIVERED)), p1());

            assertLines(lines).containsExactly(tuple("r1:t1", "p1", ACCRUAL, 5_000L),
                    tuple("r1:t2", "p2", ACCRUAL, 2_500L), tuple("r1:t3", "p2", ACCRUAL, 2_500L));
        }

        @Test
        void cappedLinesAreSharedWithTheirUncappedShare() {
            // 1,000.00 capped to 500.01 by the plan, split 50/50: 250.01 / 250.00 (uncapped 500.00 / 500.00)
            List<AccrualLine> lines = CommissionEngine.accrueDeal(plan(terms(rule("r1", PERCENT_OF_DEAL).rate("0.10"))
                            .capPerDeal(eur("500.01")).shares(50, 50, 0)),
                    deal(eur("10000.00"), List.of(), touch("t2", "p2", TouchType.INFLUENCED)), p1());

            assertLines(lines).containsExactly(tuple("r1:t1", "p1", ACCRUAL, 25_001L),
                    tuple("r1:t2", "p2", ACCRUAL, 25_000L));
            assertThat(lines).extracting(l -> l.explanation().uncapped())
                    .containsExactly(eur("500.00"), eur("500.00"));
        }
    }

    @Nested
    class Currencies {

        @Test
        void flatRuleInAnotherCurrencyGivesNoLineButPercentageRulesStillPay() {
            // bounty in EUR, deal in USD: no bounty; 10% of 1,000.00 USD = 100.00 USD
            List<AccrualLine> lines = CommissionEngine.accrueDeal(plan(terms(
                    rule("flat", FLAT_PER_DEAL).bounty(eur("500.00")),
                    rule("pct", PERCENT_OF_DEAL).rate("0.10"))), deal(usd("1000.00")), p1());

            assertThat(lines).extracting(AccrualLine::lineKey, AccrualLine::amount)
                    .containsExactly(tuple("pct", usd("100.00")));
        }

        @Test
        void ruleWithACapInAnotherCurrencyGivesNoLine() {
            assertThat(CommissionEngine.accrueDeal(plan(terms(rule("pct", PERCENT_OF_DEAL).rate("0.10")
                    .cap(eur("50.00")))), deal(usd("1000.00")), p1())).isEmpty();
        }

        @Test
        void bandsInAnotherCurrencyGiveNoLine() {
            assertThat(CommissionEngine.accrueDeal(plan(terms(rule("t", TIERED_MARGINAL).band(eur("0"), "0.05"))),
                    deal(usd("1000.00")), p1())).isEmpty();
        }

        @Test
        void productBountyInAnotherCurrencyGivesNoLineForThatProduct() {
            assertLines(CommissionEngine.accrueDeal(plan(terms(rule("r1", FLAT_PER_PRODUCT)
                            .productBounty("A", eur("10.00")).productBounty("B", usd("20.00")))),
                    deal(usd("300.00"), List.of(oneOff("A", usd("100.00")), oneOff("B", usd("200.00")))), p1()))
                    .containsExactly(tuple("r1/1", "p1", ACCRUAL, 2_000L));
        }
    }

    @Nested
    class Versions {

        private final PlanVersion v1 = new PlanVersion("P", 1, LocalDate.of(2026, 1, 1), null);
        private final PlanVersion v2 = new PlanVersion("P", 2, LocalDate.of(2026, 4, 1), null);
        private final PlanVersion v3 = new PlanVersion("P", 3, LocalDate.of(2026, 7, 1), null);

        @Test
        void theLatestVersionEffectiveOnOrBeforeTheCloseDateInAnyOrder() {
            List<PlanVersion> versions = List.of(v3, v1, v2);
            assertThat(CommissionEngine.versionFor(versions, LocalDate.of(2026, 5, 15))).contains(v2);
            assertThat(CommissionEngine.versionFor(versions, LocalDate.of(2026, 7, 1))).contains(v3);
            assertThat(CommissionEngine.versionFor(versions, LocalDate.of(2026, 6, 30))).contains(v2);
            assertThat(CommissionEngine.versionFor(versions, LocalDate.of(2026, 1, 1))).contains(v1);
            assertThat(CommissionEngine.versionFor(versions, LocalDate.of(2025, 12, 31))).isEmpty();
            assertThat(CommissionEngine.versionFor(List.of(), LocalDate.of(2026, 5, 15))).isEmpty();
        }

        @Test
        void sameDayVersionsResolveToTheHigherVersion() {
            PlanVersion v4 = new PlanVersion("P", 4, LocalDate.of(2026, 7, 1), null);
            assertThat(CommissionEngine.versionFor(List.of(v4, v3), LocalDate.of(2026, 8, 1))).contains(v4);
        }

        @Test
        void periodsOfADate() {
            LocalDate date = LocalDate.of(2026, 11, 30);
            assertThat(CommissionEngine.periodOf(date, PeriodUnit.MONTH)).isEqualTo("2026-11");
            assertThat(CommissionEngine.periodOf(date, PeriodUnit.QUARTER)).isEqualTo("2026-Q4");
            assertThat(CommissionEngine.periodOf(date, PeriodUnit.YEAR)).isEqualTo("2026");
            assertThat(CommissionEngine.periodOf(LocalDate.of(2026, 3, 31), PeriodUnit.QUARTER)).isEqualTo("2026-Q1");
            assertThat(CommissionEngine.periodOf(LocalDate.of(2026, 4, 1), PeriodUnit.QUARTER)).isEqualTo("2026-Q2");
            assertThat(CommissionEngine.periodOf(LocalDate.of(2026, 2, 1), PeriodUnit.MONTH)).isEqualTo("2026-02");
        }

        @Test
        void previousPeriods() {
            assertThat(CommissionEngine.previousPeriod("2026-01", PeriodUnit.MONTH)).isEqualTo("2025-12");
            assertThat(CommissionEngine.previousPeriod("2026-11", PeriodUnit.MONTH)).isEqualTo("2026-10");
            assertThat(CommissionEngine.previousPeriod("2026-Q1", PeriodUnit.QUARTER)).isEqualTo("2025-Q4");
            assertThat(CommissionEngine.previousPeriod("2026-Q3", PeriodUnit.QUARTER)).isEqualTo("2026-Q2");
            assertThat(CommissionEngine.previousPeriod("2026", PeriodUnit.YEAR)).isEqualTo("2025");
        }

        @Test
        void periodEndsAreTheFirstDayAfter() {
            assertThat(CommissionEngine.periodEnd("2026-11", PeriodUnit.MONTH)).isEqualTo(LocalDate.of(2026, 12, 1));
            assertThat(CommissionEngine.periodEnd("2026-12", PeriodUnit.MONTH)).isEqualTo(LocalDate.of(2027, 1, 1));
            assertThat(CommissionEngine.periodEnd("2028-02", PeriodUnit.MONTH)).isEqualTo(LocalDate.of(2028, 3, 1));
            assertThat(CommissionEngine.periodEnd("2026-Q4", PeriodUnit.QUARTER)).isEqualTo(LocalDate.of(2027, 1, 1));
            assertThat(CommissionEngine.periodEnd("2026-Q2", PeriodUnit.QUARTER)).isEqualTo(LocalDate.of(2026, 7, 1));
            assertThat(CommissionEngine.periodEnd("2026", PeriodUnit.YEAR)).isEqualTo(LocalDate.of(2027, 1, 1));
        }

        @Test
        void malformedPeriodsAreRefused() {
            assertThatThrownBy(() -> CommissionEngine.periodEnd("2026-13", PeriodUnit.MONTH))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> CommissionEngine.periodEnd("2026-11", PeriodUnit.QUARTER))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> CommissionEngine.previousPeriod("2026-Q5", PeriodUnit.QUARTER))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Rebates {

        private final PlanVersion volume = plan(terms(
                rule("vol", VOLUME_REBATE).rate("0.01").target(eur("100000.00"))).tier("GOLD", "1.5"));
        private final PlanVersion growth = plan(terms(
                rule("gro", GROWTH_REBATE).rate("0.02").growthPercent("10")));

        @Test
        void volumeRebateWhenTheTargetIsReached() {
            // 1% of 120,000.00 = 1,200.00
            List<AccrualLine> lines = CommissionEngine.rebates(volume, p1(), "2026-Q4", eur("120000.00"));
            assertLines(lines).containsExactly(tuple("vol/2026-Q4", "p1", REBATE, 120_000L));
            assertThat(lines.get(0).explanation().base()).isEqualTo(eur("120000.00"));
            assertThat(lines.get(0).explanation().ruleKind()).isEqualTo(VOLUME_REBATE);
            // exactly the target: 1% of 100,000.00 = 1,000.00
            assertLines(CommissionEngine.rebates(volume, p1(), "2026-Q4", eur("100000.00")))
                    .containsExactly(tuple("vol/2026-Q4", "p1", REBATE, 100_000L));
        }

        @Test
        void volumeRebateNotReached() {
            assertThat(CommissionEngine.rebates(volume, p1(), "2026-Q4", eur("99999.99"))).isEmpty();
        }

        @Test
        void volumeRebateAppliesTheMultiplierAndNeedsTheTargetsCurrency() {
            // GOLD 1.5: 1% × 1.5 of 120,000.00 = 1,800.00
            assertLines(CommissionEngine.rebates(volume, facts("GOLD", eur("0"), eur("0"), Map.of(), eur("0")),
                    "2026-Q4", eur("120000.00"))).containsExactly(tuple("vol/2026-Q4", "p1", REBATE, 180_000L));
            assertThat(CommissionEngine.rebates(volume, p1(), "2026-Q4", usd("500000.00"))).isEmpty();
        }

        @Test
        void growthRebateWhenGrowthIsReached() {
            // previous 100,000.00 + 10% = 110,000.00 reached exactly: 2% of 110,000.00 = 2,200.00
            assertLines(CommissionEngine.rebates(growth, facts(null, eur("0"), eur("0"), Map.of(), eur("100000.00")),
                    "2026-Q4", eur("110000.00"))).containsExactly(tuple("gro/2026-Q4", "p1", REBATE, 220_000L));
        }

        @Test
        void growthRebateNotReachedOrWithoutAPreviousPeriod() {
            assertThat(CommissionEngine.rebates(growth, facts(null, eur("0"), eur("0"), Map.of(), eur("100000.00")),
                    "2026-Q4", eur("109999.99"))).isEmpty();
            assertThat(CommissionEngine.rebates(growth, facts(null, eur("0"), eur("0"), Map.of(), eur("0")),
                    "2026-Q4", eur("50000.00"))).isEmpty();
        }

        @Test
        void rebatesAreNotPaidOnDeals() {
            assertThat(CommissionEngine.accrueDeal(volume, deal(eur("200000.00")), p1())).isEmpty();
        }
    }

    @Nested
    class RemainingShare {

        @Test
        void fullRefundLeavesZeroAndNoChangeLeavesTheOriginal() {
            assertThat(CommissionEngine.remainingShare(eur("100.00"), eur("0"), eur("1000.00"))).isEqualTo(eur("0"));
            assertThat(CommissionEngine.remainingShare(eur("100.00"), eur("1000.00"), eur("1000.00")))
                    .isEqualTo(eur("100.00"));
            assertThat(CommissionEngine.remainingShare(eur("100.00"), eur("1200.00"), eur("1000.00")))
                    .isEqualTo(eur("100.00"));
        }

        @Test
        void proportionalRemainders() {
            // 100.00 × 600 / 1,000 = 60.00
            assertThat(CommissionEngine.remainingShare(eur("100.00"), eur("600.00"), eur("1000.00")))
                    .isEqualTo(eur("60.00"));
            // 10.00 × 1 / 3 = 3.3333 → 3.33
            assertThat(CommissionEngine.remainingShare(eur("10.00"), eur("1.00"), eur("3.00"))).isEqualTo(eur("3.33"));
            // 20.00 × 2 / 3 = 13.3333 → 13.33
            assertThat(CommissionEngine.remainingShare(eur("20.00"), eur("2.00"), eur("3.00"))).isEqualTo(eur("13.33"));
        }

        @Test
        void exactHalvesRoundToEvenEvenWhenTheQuotientDoesNotTerminate() {
            // 0.03 × 1/6 = 0.5 cent exactly → 0 (even); a 34-digit 1/6 would have rounded it up to 1
            assertThat(CommissionEngine.remainingShare(cents(3), cents(1), cents(6))).isEqualTo(cents(0));
            // 0.09 × 1/6 = 1.5 cents → 2
            assertThat(CommissionEngine.remainingShare(cents(9), cents(1), cents(6))).isEqualTo(cents(2));
            // 0.05 × 1/2 = 2.5 → 2; 0.07 × 1/2 = 3.5 → 4
            assertThat(CommissionEngine.remainingShare(cents(5), cents(1), cents(2))).isEqualTo(cents(2));
            assertThat(CommissionEngine.remainingShare(cents(7), cents(1), cents(2))).isEqualTo(cents(4));
        }

        @Test
        void negativeOriginalsScaleSymmetrically() {
            // −0.09 × 1/6 = −1.5 cents → −2; −0.03 × 1/6 = −0.5 → 0
            assertThat(CommissionEngine.remainingShare(cents(-9), cents(1), cents(6))).isEqualTo(cents(-2));
            assertThat(CommissionEngine.remainingShare(cents(-3), cents(1), cents(6))).isEqualTo(cents(0));
        }
    }

    @Nested
    class Problems {

        private CommissionPlanTerms valid() {
            return terms(rule("flat", FLAT_PER_DEAL).bounty(eur("100.00")),
                    rule("pct", PERCENT_OF_DEAL).rate("0.10").cap(eur("5000.00")),
                    rule("line", PERCENT_PER_LINE).productRate("A", "0.2"),
                    rule("tier", TIERED_MARGINAL).band(eur("0"), "0.02").band(eur("10000"), "0.05"),
                    rule("rec", RECURRING_SHARE).rate("0.1").months(12),
                    rule("vol", VOLUME_REBATE).rate("0.01").target(eur("100000")),
                    rule("gro", GROWTH_REBATE).rate("0.01").growthPercent("10"))
                    .tier("GOLD", "1.2").partner("p1", "10").shares(70, 20, 10).build();
        }

        @Test
        void aValidPlanHasNoProblems() {
            assertThat(CommissionEngine.problems(valid())).isEmpty();
        }

        @Test
        void missingAndDuplicateRules() {
            assertThat(CommissionEngine.problems(terms().build()))
                    .containsExactly("plan rules: a plan needs at least one rule");
            assertThat(CommissionEngine.problems(null)).containsExactly("plan: terms are missing");
            assertThat(CommissionEngine.problems(terms(rule("a", FLAT_PER_DEAL).bounty(eur("1")),
                    rule("a", FLAT_PER_DEAL).bounty(eur("1")), rule(" ", FLAT_PER_DEAL).bounty(eur("1")),
                    rule("x/y", FLAT_PER_DEAL).bounty(eur("1")), rule("k", null)).build()))
                    .containsExactly("rule a ruleId: used by more than one rule",
                            "rule #3 ruleId: must not be blank",
                            "rule x/y ruleId: must not contain '/', ':' or '#'",
                            "rule k kind: required");
        }

        @Test
        void eachKindNeedsItsFields() {
            assertThat(CommissionEngine.problems(terms(rule("a", FLAT_PER_DEAL), rule("b", FLAT_PER_PRODUCT),
                    rule("c", PERCENT_OF_DEAL), rule("d", PERCENT_PER_LINE), rule("e", TIERED_RETROACTIVE),
                    rule("f", RECURRING_SHARE), rule("g", VOLUME_REBATE), rule("h", GROWTH_REBATE)).build()))
                    .containsExactly("rule a bounty: required for this kind of rule",
                            "rule b productBounties: required for FLAT_PER_PRODUCT",
                            "rule c rate: required for this kind of rule",
                            "rule d rate: PERCENT_PER_LINE needs a rate, productRates or categoryRates",
                            "rule e bands: at least one band is required",
                            "rule f rate: required for this kind of rule",
                            "rule f months: required for this kind of rule",
                            "rule g rate: required for this kind of rule",
                            "rule g target: required for this kind of rule",
                            "rule h rate: required for this kind of rule",
                            "rule h growthPercent: required for this kind of rule");
        }

        @Test
        void valuesOutOfRange() {
            CommissionPlanTerms terms = terms(
                    rule("a", PERCENT_OF_DEAL).rate("1.5").cap(eur("-1.00")),
                    rule("b", PERCENT_PER_LINE).productRate("A", "-0.1").categoryRate("hw", "2"),
                    rule("c", FLAT_PER_PRODUCT).productBounty("A", eur("-5.00")),
                    rule("d", RECURRING_SHARE).rate("0.1").months(0),
                    rule("e", VOLUME_REBATE).rate("0.1").target(eur("-1")),
                    rule("f", GROWTH_REBATE).rate("0.1").growthPercent("-5"))
                    .tier("GOLD", "0").partner("p1", "10.5").shares(0, -1, 0).holdDays(3651)
                    .capPerDeal(eur("-1")).period(null).build();

            assertThat(CommissionEngine.problems(terms)).containsExactly(
                    "rule a rate: 1.5 is not between 0 and 1 (0.10 = 10%)",
                    "rule a capPerDeal: -1.00 EUR must not be negative",
                    "rule b productRates[A]: -0.1 is not between 0 and 1 (0.10 = 10%)",
                    "rule b categoryRates[hw]: 2 is not between 0 and 1 (0.10 = 10%)",
                    "rule c productBounties[A]: -5.00 EUR must not be negative",
                    "rule d months: 0 must be at least 1",
                    "rule e target: -1.00 EUR must not be negative",
                    "rule f growthPercent: -5 must not be negative",
                    "plan capPerDeal: -1.00 EUR must not be negative",
                    "plan holdDays: 3651 is not between 0 and 3650",
                    "plan shares: weights must not be negative (0/-1/0)",
                    "plan shares sourced: must be positive, the registrant always earns a share",
                    "plan tierMultipliers[GOLD]: 0 is not in (0, 10]",
                    "plan partnerMultipliers[p1]: 10.5 is not in (0, 10]",
                    "plan period: required (MONTH, QUARTER or YEAR)");
        }

        @Test
        void bandsStartAtZeroAscendInOneCurrency() {
            CommissionPlanTerms terms = terms(
                    rule("a", TIERED_MARGINAL).band(eur("100"), "0.01").band(eur("50"), "0.02"),
                    rule("b", TIERED_RETROACTIVE).band(eur("0"), "0.01").band(usd("10"), "0.02")
                            .band(usd("20"), "1.2")).build();

            assertThat(CommissionEngine.problems(terms)).containsExactly(
                    "rule a bands[0] from: the first band must start at 0, not 100.00 EUR",
                    "rule a bands[1] from: 50.00 EUR must be above the previous band's 100.00 EUR",
                    "rule b bands[1] from: 10.00 USD is not in EUR like the bands before",
                    "rule b bands[2] rate: 1.2 is not between 0 and 1 (0.10 = 10%)");
        }
    }

    @Nested
    class Robustness {

        @Test
        void nullListsAndMapsAreEmpty() {
            CommissionRule bare = new CommissionRule("r1", PERCENT_PER_LINE, null, null, null, dec("0.1"), null, null,
                    null, null, null, null, null);
            CommissionPlanTerms terms = new CommissionPlanTerms(List.of(bare), null, null, null, null, null, null, 0,
                    PeriodUnit.MONTH);
            DealFacts deal = new DealFacts("reg", "p1", eur("100.00"), CLOSE, null, null);
            PartnerFacts facts = new PartnerFacts("p1", "GOLD", null, null, null, null);
            PlanVersion plan = new PlanVersion("P", 1, CLOSE, terms);

            assertThat(CommissionEngine.accrueDeal(plan, deal, facts)).isEmpty();
            assertThat(CommissionEngine.accrueRecurring(plan, deal, facts, "X", 1, eur("1.00"))).isEmpty();
            assertThat(CommissionEngine.rebates(plan, facts, "2026-11", eur("1.00"))).isEmpty();
            CommissionPlanTerms noRules = new CommissionPlanTerms(null, null, null, null, null, null, null, 0, null);
            assertThat(CommissionEngine.accrueDeal(new PlanVersion("P", 1, CLOSE, noRules), deal, facts)).isEmpty();
        }

        @Test
        void nullRulesAndRulesWithoutKindAreSkipped() {
            CommissionRule noKind = new CommissionRule("x", null, null, null, null, dec("0.1"), null, null, null,
                    null, null, null, null);
            CommissionPlanTerms terms = new CommissionPlanTerms(Arrays.asList(null, noKind,
                    rule("r1", PERCENT_OF_DEAL).rate("0.1").build()), null, null, null, null, null, null, 0,
                    PeriodUnit.MONTH);
            assertLines(CommissionEngine.accrueDeal(new PlanVersion("P", 1, CLOSE, terms), deal(eur("100.00")), p1()))
                    .containsExactly(tuple("r1", "p1", ACCRUAL, 1_000L));
        }

        @Test
        void registrantWithoutATouchIsGivenTheSourcedShare() {
            DealFacts deal = new DealFacts("reg", "p1", eur("100.00"), CLOSE, List.of(),
                    List.of(touch("t2", "p2", TouchType.INFLUENCED)));
            assertLines(CommissionEngine.accrueDeal(plan(terms(rule("r1", FLAT_PER_DEAL).bounty(eur("10.00")))
                    .shares(50, 50, 0)), deal, p1()))
                    .containsExactly(tuple("r1:sourced", "p1", ACCRUAL, 500L), tuple("r1:t2", "p2", ACCRUAL, 500L));
        }

        @Test
        void duplicateRuleIdsStillGiveUniqueKeys() {
            Map<String, Money> none = new HashMap<>();
            assertThat(CommissionEngine.accrueDeal(plan(terms(rule("r1", FLAT_PER_DEAL).bounty(eur("1.00")),
                            rule("r1", FLAT_PER_DEAL).bounty(eur("2.00")))), deal(eur("100.00")),
                    facts(null, eur("0"), eur("0"), none, eur("0"))))
                    .extracting(AccrualLine::lineKey).containsExactly("r1", "r1#2");
        }

        @Test
        void sharesDefaultToSourcedOnly() {
            CommissionPlanTerms terms = new CommissionPlanTerms(List.of(rule("r1", FLAT_PER_DEAL)
                    .bounty(eur("10.00")).build()), Map.of(), Map.of(), Map.of(), null, null, null, 0, PeriodUnit.YEAR);
            assertThat(TouchShares.SOURCED_ONLY.influenced()).isZero();
            assertLines(CommissionEngine.accrueDeal(new PlanVersion("P", 1, CLOSE, terms),
                    deal(eur("100.00"), List.of(), touch("t2", "p2", TouchType.INFLUENCED)), p1()))
                    .containsExactly(tuple("r1", "p1", ACCRUAL, 1_000L));
        }

        @Test
        void bandsWithoutRateAreIgnored() {
            CommissionRule rule = new CommissionRule("t", TIERED_MARGINAL, null, null, null, null, null, null,
                    Arrays.asList(new RateBand(eur("0"), dec("0.1")), null, new RateBand(eur("50"), null)), null,
                    null, null, null);
            // 10% of 100.00 (the broken band from 50 is ignored)
            assertLines(CommissionEngine.accrueDeal(new PlanVersion("P", 1, CLOSE,
                    new CommissionPlanTerms(List.of(rule), null, null, null, null, null, null, 0, PeriodUnit.MONTH)),
                    deal(eur("100.00")), p1())).containsExactly(tuple("t/band0", "p1", ACCRUAL, 1_000L));
        }
    }
}
