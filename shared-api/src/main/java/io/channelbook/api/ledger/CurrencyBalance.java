package io.channelbook.api.ledger;

import io.channelbook.api.money.Money;

/** A partner's balances in one currency. {@code pending + payable + paid == lifetime}; {@code reversed} is what reversals took back (positive), already netted in the others. */
public record CurrencyBalance(String currency, Money pending, Money payable, Money paid, Money reversed, Money lifetime) {
}
