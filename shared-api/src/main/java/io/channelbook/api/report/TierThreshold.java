package io.channelbook.api.report;

import io.channelbook.api.money.Money;

/** The period volume a partner needs to qualify for {@code tier}; compared only with volume in the same currency. */
public record TierThreshold(String tier, Money volume) {
}
