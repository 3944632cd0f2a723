package io.channelbook.api.ledger;

import io.channelbook.api.money.Money;

/** Finance corrected the ledger by {@code amount} (positive or negative), payable at once. */
public record LedgerAdjustedEvent(String ledgerId, String partnerId, String entryId, Money amount, String reason) {
}
