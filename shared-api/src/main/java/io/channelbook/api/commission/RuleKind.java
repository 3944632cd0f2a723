package io.channelbook.api.commission;

/**
 * The kinds of rule a commission plan version is made of. A version may hold several rules; their amounts add up
 * (a "hybrid" plan is a flat rule plus a percentage rule).
 */
public enum RuleKind {
    /** {@code bounty} once per won deal. */
    FLAT_PER_DEAL,
    /** {@code productBounties[product]} once per line item of that product. */
    FLAT_PER_PRODUCT,
    /** {@code rate} of the deal amount. */
    PERCENT_OF_DEAL,
    /** Per one-off line item: {@code productRates[product]}, else the category's rate, else {@code rate}. */
    PERCENT_PER_LINE,
    /** Bands on the period's cumulative sourced revenue; each slice of the deal at its own band's rate. */
    TIERED_MARGINAL,
    /**
     * Bands on the period's cumulative sourced revenue; the whole period volume at the reached band's rate. When a
     * deal crosses into a higher band, the difference on the earlier volume is booked as its own true-up entry.
     */
    TIERED_RETROACTIVE,
    /** {@code rate} of each reported billing period of a recurring line, for the first {@code months} periods. */
    RECURRING_SHARE,
    /** At period end: {@code rate} of the period volume when it reached {@code target}. */
    VOLUME_REBATE,
    /** At period end: {@code rate} of the period volume when it grew by {@code growthPercent} over the previous period. */
    GROWTH_REBATE
}
