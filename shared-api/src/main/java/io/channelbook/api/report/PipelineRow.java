package io.channelbook.api.report;

import io.channelbook.api.deal.DealStatus;
import io.channelbook.api.money.Money;

/**
 * One partner's open registrations in one stage (SUBMITTED, CONFLICT, APPROVED) and currency: how many and their
 * estimated value. {@code tier}: the partner's tier as of the report.
 */
public record PipelineRow(String partnerId, String partnerName, String tier, DealStatus stage, String currency,
                          int deals, Money expectedValue) {
}
