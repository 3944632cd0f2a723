package io.channelbook.api.ledger;

import io.channelbook.api.money.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

/** Accrues the commission of one reported billing period of a recurring line (sent by the process manager); idempotent per deal, product and period number. */
public record AccrueRecurringCommissionCommand(@TargetAggregateIdentifier String ledgerId, String partnerId, String registrationId, String product, int periodNumber, Money billed, LocalDate closeDate, LocalDate billedOn) {
}
