package io.channelbook.api.deal;

import java.time.Instant;

/**
 * One registration of a customer in the order the customer's claim recorded it. {@code claimSequence} is the
 * position in the claim's event stream and {@code recordedAt} the event's timestamp: together they prove who came
 * first.
 */
public record ClaimOrderEntry(long claimSequence, Instant recordedAt, String registrationId, String partnerId,
                              boolean holder, String eventType) {
}
