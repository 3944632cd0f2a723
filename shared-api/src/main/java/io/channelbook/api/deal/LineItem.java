package io.channelbook.api.deal;

import io.channelbook.api.money.Money;

/**
 * One product of a won deal. {@code recurring} lines are subscriptions of {@code termMonths} months whose
 * {@code amount} is per month; other lines are one-off and have no term.
 */
public record LineItem(String product, Money amount, boolean recurring, Integer termMonths) {
}
