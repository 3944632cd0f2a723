package io.channelbook.api.deal;

import io.channelbook.api.money.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

/**
 * The CRM (or a channel manager) reports one billed period of a won deal's recurring line: period {@code 1} is the
 * first month of the subscription. Recurring commissions accrue per reported period.
 */
public record ReportBillingPeriodCommand(@TargetAggregateIdentifier String registrationId, String product,
                                         int periodNumber, Money billed, LocalDate billedOn, CloseSource source) {
}
