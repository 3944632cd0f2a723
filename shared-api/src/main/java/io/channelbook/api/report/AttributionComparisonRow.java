package io.channelbook.api.report;

import io.channelbook.api.money.Money;

/**
 * One row key (partner, tier, product, period, currency) in two runs: the attributed revenue of each (zero where a run
 * has no such row) and {@code difference} = b - a.
 */
public record AttributionComparisonRow(String partnerId, String partnerName, String tier, String product,
                                       String period, String currency, Money attributedA, Money attributedB,
                                       Money difference) {
}
