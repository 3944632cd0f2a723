package io.channelbook.command.commission.engine;

import io.channelbook.api.deal.DealTouch;
import io.channelbook.api.deal.LineItem;
import io.channelbook.api.money.Money;

import java.time.LocalDate;
import java.util.List;

/**
 * What the engine knows about a won deal.
 *
 * @param touches the credited partners: the registrant's SOURCED touch first, then accepted touches
 */
public record DealFacts(String registrationId, String registrantPartnerId, Money amount, LocalDate closeDate,
                        List<LineItem> lineItems, List<DealTouch> touches) {
}
