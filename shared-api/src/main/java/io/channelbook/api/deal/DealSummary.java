package io.channelbook.api.deal;

import io.channelbook.api.money.Money;

import java.time.Instant;
import java.time.LocalDate;

/** A registration as a line of a list. */
public record DealSummary(String registrationId, String partnerId, String customerName, String customerDomain,
                          DealStatus status, Money estimatedValue, LocalDate expectedCloseDate, Instant submittedAt,
                          Instant protectedUntil, boolean inConflict) {
}
