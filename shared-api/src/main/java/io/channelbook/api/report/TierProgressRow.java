package io.channelbook.api.report;

import io.channelbook.api.money.Money;

import java.math.BigDecimal;

/**
 * A partner's volume (net sourced revenue of deals closed in the period) in one currency: the highest tier it
 * qualifies for ({@code qualifiedTier}, null for none), the next one up with its threshold, what is missing, and the
 * percentage of the next threshold reached (2 decimals; null when no higher tier is configured).
 */
public record TierProgressRow(String partnerId, String partnerName, String currentTier, String currency, Money volume,
                              String qualifiedTier, String nextTier, Money nextThreshold, Money remaining,
                              BigDecimal percentOfNext) {
}
