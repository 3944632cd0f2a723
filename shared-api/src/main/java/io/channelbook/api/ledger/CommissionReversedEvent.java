package io.channelbook.api.ledger;

import io.channelbook.api.money.Money;

/** Takes back {@code amount} (negative) of entry {@code reversedEntryId}, from the balance it was in ({@code from}: PENDING reduces pending; PAYABLE or PAID reduces payable, which may go negative and is netted against later earnings). */
public record CommissionReversedEvent(String ledgerId, String partnerId, String entryId, String reversedEntryId, String registrationId, Money amount, EntryStatus from, String reason, String text) {
}
