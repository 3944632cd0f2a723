package io.channelbook.api.report;

import io.channelbook.api.money.Money;

/**
 * One partner's revenue in one tier, product, month of close ({@code period}, yyyy-MM) and currency. {@code sourced},
 * {@code influenced} and {@code delivered}: the net revenue (won amount less refunds) of the deals the partner had that
 * touch on, each in full; {@code attributed}: the partner's share under the run's model, to the cent. {@code tier} is
 * the partner's tier when the deal was won (null for none). {@code deals}: deals contributing to the row.
 */
public record AttributionRow(String partnerId, String partnerName, String tier, String product, String period,
                             String currency, Money sourced, Money influenced, Money delivered, Money attributed,
                             int deals) {
}
