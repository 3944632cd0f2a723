package io.channelbook.api.deal;

import io.channelbook.api.money.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;
import java.util.List;

/** The customer bought: by hand (a channel manager) or reported by the CRM. */
public record CloseDealWonCommand(@TargetAggregateIdentifier String registrationId, Money amount, LocalDate closeDate,
                                  List<LineItem> lineItems, CloseSource source) {
}
