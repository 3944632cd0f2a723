package io.channelbook.api.deal;

import java.time.Instant;

/** A registration is approved and protected until {@code protectedUntil}, with a reminder before that. */
public record DealRegistrationApprovedEvent(String registrationId, String partnerId, String customerDomain,
                                            Instant protectedUntil, int reminderDaysBefore) {
}
