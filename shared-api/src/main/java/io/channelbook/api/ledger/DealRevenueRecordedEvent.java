package io.channelbook.api.ledger;

import io.channelbook.api.money.Money;

/** Sourced revenue of a won deal counted toward the partner's period volume (bands, rebates, tier progress). */
public record DealRevenueRecordedEvent(String ledgerId, String partnerId, String registrationId, String period, Money revenue, Money periodVolume) {
}
