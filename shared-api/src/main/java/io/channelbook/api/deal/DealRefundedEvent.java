package io.channelbook.api.deal;

import io.channelbook.api.money.Money;

import java.util.List;

/**
 * Part or all of a won deal was refunded; {@code totalRefunded} is the running total, {@code wonAmount}
 * the deal's amount at that time. {@code creditedPartnerIds}: the
 * partners whose commissions follow the deal (accepted touches at close).
 */
public record DealRefundedEvent(String registrationId, String partnerId, Money refunded, Money totalRefunded,
                                String reference, CloseSource source,
                                Money wonAmount, List<String> creditedPartnerIds) {
}
