package io.channelbook.api.ledger;

import io.channelbook.api.money.Money;

/** A balance where the independent recomputation from the event stream ({@code expected}) and the read model ({@code actual}) disagree. */
public record LedgerDifference(String partnerId, String currency, String field, Money expected, Money actual) {
}
