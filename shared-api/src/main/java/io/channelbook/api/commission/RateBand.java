package io.channelbook.api.commission;

import io.channelbook.api.money.Money;

import java.math.BigDecimal;

/** A band of a tiered rule: cumulative period volume from {@code from} (inclusive) earns {@code rate} (0.05 = 5%). */
public record RateBand(Money from, BigDecimal rate) {
}
