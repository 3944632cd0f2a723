package io.channelbook.api.ledger;

import io.channelbook.api.money.Money;

/** What a partner earned (accruals net of reversals and adjustments) in one calendar month (UTC) and currency. */
public record MonthlyEarnings(String month, Money earned) {
}
