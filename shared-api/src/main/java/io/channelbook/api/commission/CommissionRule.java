package io.channelbook.api.commission;

import io.channelbook.api.money.Money;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * One rule of a plan version. Which fields a rule uses depends on its {@link RuleKind}; the others are null. Rates
 * are fractions (0.10 = 10%). Money-valued rules (bounties, bands, targets, caps) apply only to deals in their
 * currency; a deal in another currency gets nothing from them (no line).
 *
 * @param ruleId          stable id within the plan, named in every accrual's explanation
 * @param capPerDeal      optional cap of what this rule pays for one deal
 */
public record CommissionRule(String ruleId, RuleKind kind, String description, Money bounty,
                             Map<String, Money> productBounties, BigDecimal rate, Map<String, BigDecimal> productRates,
                             Map<String, BigDecimal> categoryRates, List<RateBand> bands, Integer months,
                             Money target, BigDecimal growthPercent, Money capPerDeal) {
}
