package io.channelbook.api.ledger;

import io.channelbook.api.money.Money;

import java.time.LocalDate;
import java.util.List;

/** Finance paid the partner {@code amount} (moved from payable to paid). {@code settledEntryIds}: the payable entries this payout covered, oldest first. */
public record PayoutRecordedEvent(String ledgerId, String partnerId, String payoutId, Money amount, String reference, LocalDate paidOn, List<String> settledEntryIds) {
}
