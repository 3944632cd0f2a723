package io.channelbook.command.commission.engine;

import io.channelbook.api.commission.CommissionPlanTerms;
import io.channelbook.api.commission.CommissionRule;
import io.channelbook.api.commission.RateBand;
import io.channelbook.api.commission.TouchShares;
import io.channelbook.api.money.Money;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The validation behind {@link CommissionEngine#problems}: every message names where the problem is ("plan
 * holdDays", "rule r2 rate") and what is wrong. The checks:
 * <ul>
 *   <li>at least one rule; every rule present, with a non-blank ruleId free of '/', ':' and '#' (they separate
 *   the parts of line keys), unique within the plan, and a kind;</li>
 *   <li>per kind, the fields it needs: FLAT_PER_DEAL bounty; FLAT_PER_PRODUCT productBounties; PERCENT_OF_DEAL rate;
 *   PERCENT_PER_LINE rate, productRates or categoryRates; TIERED_* bands; RECURRING_SHARE rate and months;
 *   VOLUME_REBATE rate and target; GROWTH_REBATE rate and growthPercent;</li>
 *   <li>rates (rate, productRates, categoryRates, band rates) in [0, 1]; bounties, product bounties, targets, caps
 *   and growthPercent not negative; bands ascending by from, the first from 0, all in one currency; months at least 1;</li>
 *   <li>holdDays in 0..3650; shares weights not negative and sourced positive (the registrant always earns a
 *   share); tier and partner multipliers in (0, 10]; a period.</li>
 * </ul>
 * Fields a kind does not use are not checked.
 */
final class PlanProblems {

    static final int MAX_HOLD_DAYS = 3650;
    static final BigDecimal MAX_MULTIPLIER = BigDecimal.TEN;

    private final List<String> problems = new ArrayList<>();

    private PlanProblems() {
    }

    static List<String> of(CommissionPlanTerms terms) {
        PlanProblems p = new PlanProblems();
        if (terms == null) {
            return List.of("plan: terms are missing");
        }
        p.check(terms);
        return List.copyOf(p.problems);
    }

    private void check(CommissionPlanTerms terms) {
        List<CommissionRule> rules = CommissionEngine.list(terms.rules());
        if (rules.isEmpty()) {
            problems.add("plan rules: a plan needs at least one rule");
        }
        Set<String> ids = new HashSet<>();
        Set<String> duplicates = new HashSet<>();
        for (int i = 0; i < rules.size(); i++) {
            CommissionRule rule = rules.get(i);
            String where = "rule #" + (i + 1);
            if (rule == null) {
                problems.add(where + ": the rule is missing");
                continue;
            }
            if (rule.ruleId() == null || rule.ruleId().isBlank()) {
                problems.add(where + " ruleId: must not be blank");
            } else {
                where = "rule " + rule.ruleId();
                if (rule.ruleId().matches(".*[/:#].*")) {
                    problems.add(where + " ruleId: must not contain '/', ':' or '#'");
                }
                if (!ids.add(rule.ruleId()) && duplicates.add(rule.ruleId())) {
                    problems.add(where + " ruleId: used by more than one rule");
                }
            }
            checkRule(where, rule);
        }
        nonNegative("plan capPerDeal", terms.capPerDeal());
        nonNegative("plan capPerPeriod", terms.capPerPeriod());
        if (terms.holdDays() < 0 || terms.holdDays() > MAX_HOLD_DAYS) {
            problems.add("plan holdDays: " + terms.holdDays() + " is not between 0 and " + MAX_HOLD_DAYS);
        }
        TouchShares shares = terms.shares();
        if (shares != null) {
            if (shares.sourced() < 0 || shares.influenced() < 0 || shares.delivered() < 0) {
                problems.add("plan shares: weights must not be negative (" + shares.sourced() + "/"
                        + shares.influenced() + "/" + shares.delivered() + ")");
            }
            if (shares.sourced() <= 0) {
                problems.add("plan shares sourced: must be positive, the registrant always earns a share");
            }
        }
        multipliers("plan tierMultipliers", terms.tierMultipliers());
        multipliers("plan partnerMultipliers", terms.partnerMultipliers());
        if (terms.period() == null) {
            problems.add("plan period: required (MONTH, QUARTER or YEAR)");
        }
    }

    private void checkRule(String where, CommissionRule rule) {
        if (rule.kind() == null) {
            problems.add(where + " kind: required");
            return;
        }
        switch (rule.kind()) {
            case FLAT_PER_DEAL -> required(where, "bounty", rule.bounty());
            case FLAT_PER_PRODUCT -> {
                if (CommissionEngine.map(rule.productBounties()).isEmpty()) {
                    problems.add(where + " productBounties: required for FLAT_PER_PRODUCT");
                }
            }
            case PERCENT_OF_DEAL -> required(where, "rate", rule.rate());
            case PERCENT_PER_LINE -> {
                if (rule.rate() == null && CommissionEngine.map(rule.productRates()).isEmpty()
                        && CommissionEngine.map(rule.categoryRates()).isEmpty()) {
                    problems.add(where + " rate: PERCENT_PER_LINE needs a rate, productRates or categoryRates");
                }
            }
            case TIERED_MARGINAL, TIERED_RETROACTIVE -> bands(where, rule.bands());
            case RECURRING_SHARE -> {
                required(where, "rate", rule.rate());
                required(where, "months", rule.months());
            }
            case VOLUME_REBATE -> {
                required(where, "rate", rule.rate());
                required(where, "target", rule.target());
            }
            case GROWTH_REBATE -> {
                required(where, "rate", rule.rate());
                required(where, "growthPercent", rule.growthPercent());
            }
        }
        rate(where + " rate", rule.rate());
        rates(where + " productRates", rule.productRates());
        rates(where + " categoryRates", rule.categoryRates());
        nonNegative(where + " bounty", rule.bounty());
        Map<String, Money> bounties = CommissionEngine.map(rule.productBounties());
        for (Map.Entry<String, Money> e : new TreeMap<>(nullSafe(where + " productBounties", bounties)).entrySet()) {
            if (e.getValue() == null) {
                problems.add(where + " productBounties[" + e.getKey() + "]: missing amount");
            } else {
                nonNegative(where + " productBounties[" + e.getKey() + "]", e.getValue());
            }
        }
        nonNegative(where + " target", rule.target());
        nonNegative(where + " capPerDeal", rule.capPerDeal());
        if (rule.growthPercent() != null && rule.growthPercent().signum() < 0) {
            problems.add(where + " growthPercent: " + rule.growthPercent().toPlainString() + " must not be negative");
        }
        if (rule.months() != null && rule.months() < 1) {
            problems.add(where + " months: " + rule.months() + " must be at least 1");
        }
    }

    private void bands(String where, List<RateBand> bands) {
        List<RateBand> list = CommissionEngine.list(bands);
        if (list.isEmpty()) {
            problems.add(where + " bands: at least one band is required");
            return;
        }
        Money previous = null;
        for (int i = 0; i < list.size(); i++) {
            RateBand band = list.get(i);
            String at = where + " bands[" + i + "]";
            if (band == null || band.from() == null || band.rate() == null) {
                problems.add(at + ": needs a from and a rate");
                previous = null;
                continue;
            }
            rate(at + " rate", band.rate());
            if (i == 0 && band.from().amountMinor() != 0) {
                problems.add(at + " from: the first band must start at 0, not " + band.from());
            }
            if (previous != null) {
                if (!previous.currency().equals(band.from().currency())) {
                    problems.add(at + " from: " + band.from() + " is not in " + previous.currency().getCurrencyCode()
                            + " like the bands before");
                } else if (band.from().compareTo(previous) <= 0) {
                    problems.add(at + " from: " + band.from() + " must be above the previous band's " + previous);
                }
            }
            previous = band.from();
        }
    }

    private void required(String where, String field, Object value) {
        if (value == null) {
            problems.add(where + " " + field + ": required for this kind of rule");
        }
    }

    private void rate(String where, BigDecimal rate) {
        if (rate != null && (rate.signum() < 0 || rate.compareTo(BigDecimal.ONE) > 0)) {
            problems.add(where + ": " + rate.toPlainString() + " is not between 0 and 1 (0.10 = 10%)");
        }
    }

    private void rates(String where, Map<String, BigDecimal> rates) {
        for (Map.Entry<String, BigDecimal> e : new TreeMap<>(nullSafe(where, CommissionEngine.map(rates))).entrySet()) {
            if (e.getValue() == null) {
                problems.add(where + "[" + e.getKey() + "]: missing rate");
            } else {
                rate(where + "[" + e.getKey() + "]", e.getValue());
            }
        }
    }

    private void nonNegative(String where, Money money) {
        if (money != null && money.signum() < 0) {
            problems.add(where + ": " + money + " must not be negative");
        }
    }

    private void multipliers(String where, Map<String, BigDecimal> multipliers) {
        for (Map.Entry<String, BigDecimal> e : new TreeMap<>(nullSafe(where, CommissionEngine.map(multipliers))).entrySet()) {
            BigDecimal m = e.getValue();
            if (m == null || m.signum() <= 0 || m.compareTo(MAX_MULTIPLIER) > 0) {
                problems.add(where + "[" + e.getKey() + "]: " + (m == null ? "missing" : m.toPlainString())
                        + " is not in (0, 10]");
            }
        }
    }

    /** A copy without a null key (TreeMap refuses null keys), with the null key reported. */
    private <V> Map<String, V> nullSafe(String where, Map<String, V> map) {
        Map<String, V> copy = new HashMap<>();
        for (Map.Entry<String, V> e : map.entrySet()) {
            if (e.getKey() == null) {
                problems.add(where + ": an entry has no key");
            } else {
                copy.put(e.getKey(), e.getValue());
            }
        }
        return copy;
    }
}
