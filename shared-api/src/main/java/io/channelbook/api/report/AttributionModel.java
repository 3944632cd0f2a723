package io.channelbook.api.report;

/**
 * How a won deal's revenue is split among the partners credited with it. A deal's touches are ordered: the
 * registrant's SOURCED touch first, then the accepted INFLUENCED and DELIVERED touches in the order they were logged
 * (the credited set is fixed when the deal is won, as for commissions).
 */
public enum AttributionModel {
    /** Everything to the registrant (the SOURCED touch). */
    SOURCED_ONLY,
    /** Equal parts per credited touch. */
    EVEN,
    /** In proportion to the touch type's weight ({@link TouchWeights}). */
    WEIGHTED,
    /** Everything to the first touch: the registrant, since it comes first by definition (so equal to SOURCED_ONLY). */
    FIRST_TOUCH,
    /** Everything to the last accepted touch in log order; the registrant when no other touch was accepted. */
    LAST_TOUCH
}
