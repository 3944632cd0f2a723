package io.channelbook.api.deal;

import io.channelbook.api.money.Money;

/** Part or all of a won deal was refunded; {@code totalRefunded} is the running total. */
public record DealRefundedEvent(String registrationId, String partnerId, Money refunded, Money totalRefunded,
                                String reference, CloseSource source) {
}
