package io.channelbook.api.commission;

import io.channelbook.api.money.Money;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * What one version of a commission plan pays. A published version's terms never change.
 *
 * @param rules              the rules; their amounts add up
 * @param tierMultipliers    multiplier per partner tier (absent tier: 1)
 * @param partnerMultipliers per-partner override multiplier (wins over the tier's)
 * @param productCategories  product → category, for category rates
 * @param capPerDeal         optional cap of the whole commission of one deal
 * @param capPerPeriod       optional cap of what one partner accrues from deals in one period
 * @param shares             how a deal's commission is shared among touching partners
 * @param holdDays           days an accrual stays pending before it becomes payable
 * @param period             the counting period of bands, period caps and rebates
 */
public record CommissionPlanTerms(List<CommissionRule> rules, Map<String, BigDecimal> tierMultipliers,
                                  Map<String, BigDecimal> partnerMultipliers, Map<String, String> productCategories,
                                  Money capPerDeal, Money capPerPeriod, TouchShares shares, int holdDays,
                                  PeriodUnit period) {
}
