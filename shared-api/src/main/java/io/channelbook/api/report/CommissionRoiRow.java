package io.channelbook.api.report;

import io.channelbook.api.money.Money;

import java.math.BigDecimal;

/**
 * Commission cost and attributed revenue of one partner (or, with {@code partnerId} null, one tier) in one currency.
 * {@code cost} = {@code accrued} + {@code reversed} (negative) + {@code adjusted}. {@code roi}: attributed revenue per
 * unit of cost (revenue / cost, 2 decimals, HALF_EVEN; null when the cost is not positive); {@code costRatio}: cost as
 * a share of attributed revenue (4 decimals; null without revenue).
 */
public record CommissionRoiRow(String partnerId, String partnerName, String tier, String currency, Money accrued,
                               Money reversed, Money adjusted, Money cost, Money attributedRevenue, BigDecimal roi,
                               BigDecimal costRatio) {
}
