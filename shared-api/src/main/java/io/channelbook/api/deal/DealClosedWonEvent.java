package io.channelbook.api.deal;

import io.channelbook.api.money.Money;

import java.time.LocalDate;
import java.util.List;

/**
 * The registered deal was won. The commission engine accrues from this event; {@code acceptedTouches} are the partners
 * credited with the deal (the registrant's SOURCED touch first), fixed at close.
 */
public record DealClosedWonEvent(String registrationId, String partnerId, String customerDomain, Money amount,
                                 LocalDate closeDate, List<LineItem> lineItems, CloseSource source,
                                 List<DealTouch> acceptedTouches) {
}
