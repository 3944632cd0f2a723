package io.channelbook.api.commission;

/**
 * How a deal's commission is shared among the partners with accepted touches on it, as weights (usually percent).
 * The registrant is the sourcing partner: only
 * its SOURCED touch earns the sourced weight. A touch type with weight 0 gets nothing; when only the registrant touched
 * the deal it gets everything.
 */
public record TouchShares(int sourced, int influenced, int delivered) {

    public static final TouchShares SOURCED_ONLY = new TouchShares(100, 0, 0);
}
