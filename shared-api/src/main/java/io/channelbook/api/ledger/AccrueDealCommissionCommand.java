package io.channelbook.api.ledger;

import io.channelbook.api.deal.DealTouch;
import io.channelbook.api.deal.LineItem;
import io.channelbook.api.money.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;
import java.util.List;

/** Accrues the commission of a won deal into the registrant's ledger (sent by the commission process manager). */
public record AccrueDealCommissionCommand(@TargetAggregateIdentifier String ledgerId, String partnerId, String registrationId, Money amount, LocalDate closeDate, List<LineItem> lineItems, List<DealTouch> touches) {
}
