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
import io.channelbook.api.money.Money;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small builders for engine tests. */
final class Fixtures {

    static final LocalDate CLOSE = LocalDate.of(2026, 11, 20);

    private Fixtures() {
    }

    static Money eur(String major) {
        return Money.ofMajor(new BigDecimal(major), "EUR");
    }

    static Money usd(String major) {
        return Money.ofMajor(new BigDecimal(major), "USD");
    }

    static Money cents(long minor) {
        return Money.ofMinor(minor, "EUR");
    }

    static BigDecimal dec(String value) {
        return new BigDecimal(value);
    }

    static Rule rule(String id, RuleKind kind) {
        return new Rule(id, kind);
    }

    static Terms terms(Rule... rules) {
        return new Terms(Arrays.stream(rules).map(Rule::build).toList());
    }

    static PlanVersion plan(Terms terms) {
        return new PlanVersion("P", 2, LocalDate.of(2026, 1, 1), terms.build());
    }

    static DealFacts deal(Money amount, List<LineItem> items, DealTouch... touches) {
        List<DealTouch> list = new ArrayList<>();
        list.add(new DealTouch("t1", "p1", TouchType.SOURCED, "registered", true));
        list.addAll(Arrays.asList(touches));
        return new DealFacts("reg-1", "p1", amount, CLOSE, items, list);
    }

    static DealFacts deal(Money amount) {
        return deal(amount, List.of());
    }

    static LineItem oneOff(String product, Money amount) {
        return new LineItem(product, amount, false, null);
    }

    static LineItem monthly(String product, Money amount, int months) {
        return new LineItem(product, amount, true, months);
    }

    static DealTouch touch(String id, String partner, TouchType type) {
        return new DealTouch(id, partner, type, "evidence", true);
    }

    /** p1, no tier, nothing counted in the period yet. */
    static PartnerFacts p1() {
        return facts(null, eur("0"), eur("0"), Map.of(), eur("0"));
    }

    static PartnerFacts facts(String tier, Money volumeBefore, Money accruedBefore, Map<String, Money> byRule,
                              Money previousVolume) {
        return new PartnerFacts("p1", tier, volumeBefore, accruedBefore, byRule, previousVolume);
    }

    static final class Rule {
        final String id;
        final RuleKind kind;
        Money bounty;
        Map<String, Money> productBounties;
        BigDecimal rate;
        Map<String, BigDecimal> productRates;
        Map<String, BigDecimal> categoryRates;
        List<RateBand> bands;
        Integer months;
        Money target;
        BigDecimal growthPercent;
        Money cap;

        Rule(String id, RuleKind kind) {
            this.id = id;
            this.kind = kind;
        }

        Rule bounty(Money bounty) {
            this.bounty = bounty;
            return this;
        }

        Rule productBounty(String product, Money bounty) {
            if (productBounties == null) {
                productBounties = new LinkedHashMap<>();
            }
            productBounties.put(product, bounty);
            return this;
        }

        Rule rate(String rate) {
            this.rate = dec(rate);
            return this;
        }

        Rule productRate(String product, String rate) {
            if (productRates == null) {
                productRates = new LinkedHashMap<>();
            }
            productRates.put(product, dec(rate));
            return this;
        }

        Rule categoryRate(String category, String rate) {
            if (categoryRates == null) {
                categoryRates = new LinkedHashMap<>();
            }
            categoryRates.put(category, dec(rate));
            return this;
        }

        Rule band(Money from, String rate) {
            if (bands == null) {
                bands = new ArrayList<>();
            }
            bands.add(new RateBand(from, dec(rate)));
            return this;
        }

        Rule months(int months) {
            this.months = months;
            return this;
        }

        Rule target(Money target) {
            this.target = target;
            return this;
        }

        Rule growthPercent(String percent) {
            this.growthPercent = dec(percent);
            return this;
        }

        Rule cap(Money cap) {
            this.cap = cap;
            return this;
        }

        CommissionRule build() {
            return new CommissionRule(id, kind, "rule " + id, bounty, productBounties, rate, productRates,
                    categoryRates, bands, months, target, growthPercent, cap);
        }
    }

    static final class Terms {
        final List<CommissionRule> rules;
        Map<String, BigDecimal> tierMultipliers;
        Map<String, BigDecimal> partnerMultipliers;
        Map<String, String> productCategories;
        Money capPerDeal;
        Money capPerPeriod;
        TouchShares shares;
        int holdDays = 30;
        PeriodUnit period = PeriodUnit.QUARTER;

        Terms(List<CommissionRule> rules) {
            this.rules = rules;
        }

        Terms tier(String tier, String multiplier) {
            if (tierMultipliers == null) {
                tierMultipliers = new LinkedHashMap<>();
            }
            tierMultipliers.put(tier, dec(multiplier));
            return this;
        }

        Terms partner(String partner, String multiplier) {
            if (partnerMultipliers == null) {
                partnerMultipliers = new LinkedHashMap<>();
            }
            partnerMultipliers.put(partner, dec(multiplier));
            return this;
        }

        Terms category(String product, String category) {
            if (productCategories == null) {
                productCategories = new LinkedHashMap<>();
            }
            productCategories.put(product, category);
            return this;
        }

        Terms capPerDeal(Money cap) {
            this.capPerDeal = cap;
            return this;
        }

        Terms capPerPeriod(Money cap) {
            this.capPerPeriod = cap;
            return this;
        }

        Terms shares(int sourced, int influenced, int delivered) {
            this.shares = new TouchShares(sourced, influenced, delivered);
            return this;
        }

        Terms holdDays(int days) {
            this.holdDays = days;
            return this;
        }

        Terms period(PeriodUnit unit) {
            this.period = unit;
            return this;
        }

        CommissionPlanTerms build() {
            return new CommissionPlanTerms(rules, tierMultipliers, partnerMultipliers, productCategories, capPerDeal,
                    capPerPeriod, shares, holdDays, period);
        }
    }
}
