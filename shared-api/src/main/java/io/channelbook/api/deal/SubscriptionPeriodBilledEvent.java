package io.channelbook.api.deal;

import io.channelbook.api.money.Money;

import java.time.LocalDate;

/** One billed period of a won deal's recurring line was reported. */
public record SubscriptionPeriodBilledEvent(String registrationId, String partnerId, String product, int periodNumber,
                                            Money billed, LocalDate closeDate, LocalDate billedOn, CloseSource source) {
}
