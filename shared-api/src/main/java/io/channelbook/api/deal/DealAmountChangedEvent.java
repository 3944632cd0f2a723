package io.channelbook.api.deal;

import io.channelbook.api.money.Money;

import java.util.List;

/**
 * A won deal's amount changed from {@code previousAmount} to {@code newAmount}; {@code totalRefunded} is what was
 * refunded of it so far. {@code creditedPartnerIds}: the partners whose commissions follow the deal.
 */
public record DealAmountChangedEvent(String registrationId, String partnerId, Money previousAmount, Money newAmount,
                                     CloseSource source, Money totalRefunded,
                                     List<String> creditedPartnerIds) {
}
