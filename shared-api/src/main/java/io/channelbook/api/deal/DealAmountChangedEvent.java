package io.channelbook.api.deal;

import io.channelbook.api.money.Money;

import java.util.List;

/** A won deal's amount changed from {@code previousAmount} to {@code newAmount}. */
public record DealAmountChangedEvent(String registrationId, String partnerId, Money previousAmount, Money newAmount,
                                     CloseSource source, List<String> creditedPartnerIds) {
}
