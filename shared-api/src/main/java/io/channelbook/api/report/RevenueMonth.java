package io.channelbook.api.report;

import io.channelbook.api.money.Money;

/**
 * One month of close ({@code period}, yyyy-MM) in one currency: net revenue (won less refunded) of the deals sourced
 * by a partner, of those with an accepted influence touch, and of those with a delivery touch. Each deal counts once
 * per column, however many partners touched it; {@code deals} counts the won deals of the month.
 */
public record RevenueMonth(String period, String currency, Money sourced, Money influenced, Money delivered,
                           int deals) {
}
