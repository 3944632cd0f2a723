package io.channelbook.api.ledger;

import io.channelbook.api.money.Money;

import java.time.Instant;

/** One balance movement, in event order ({@code sequence} is the event's global position). Deltas are signed; actor, reason and causation come from the event's metadata. */
public record LedgerMovement(String eventId, long sequence, Instant recordedAt, String partnerId, String entryId, MovementType type, EntryKind entryKind, String registrationId, Money amount, Money pendingDelta, Money payableDelta, Money paidDelta, String text, String reason, String actorId, String actorRole, String causationId, String correlationId) {
}
