package io.channelbook.api.report;

import io.channelbook.api.money.Money;

/**
 * A run's totals in one currency over its rows. {@code attributed} (and {@code sourced}) add up to the net revenue of
 * the deals shown; {@code influenced} and {@code delivered} count a deal once per touching partner.
 */
public record AttributionTotal(String currency, Money sourced, Money influenced, Money delivered, Money attributed,
                               int deals) {
}
