package io.channelbook.api.ledger;

/** A partner's earnings summary; as a subscription query, every change of it is pushed. */
public record FindEarningsSummaryQuery(String partnerId) {
}
