package io.channelbook.api.commission;

/** The period over which tiered bands, period caps and rebates count a partner's volume (UTC calendar). */
public enum PeriodUnit {
    MONTH,
    QUARTER,
    YEAR
}
