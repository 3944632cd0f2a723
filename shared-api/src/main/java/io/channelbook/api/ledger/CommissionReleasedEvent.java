package io.channelbook.api.ledger;

import io.channelbook.api.money.Money;

/** The hold of an entry ended: its remaining {@code amount} moved from pending to payable. */
public record CommissionReleasedEvent(String ledgerId, String partnerId, String entryId, Money amount) {
}
