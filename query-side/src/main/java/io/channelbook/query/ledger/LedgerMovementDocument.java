package io.channelbook.query.ledger;

import io.channelbook.api.ledger.EntryKind;
import io.channelbook.api.ledger.EntryStatus;
import io.channelbook.api.ledger.LedgerMovement;
import io.channelbook.api.ledger.MovementType;
import io.channelbook.api.money.Money;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.List;

/**
 * One balance movement, keyed by the global position of the event that caused it ({@link #id(long)}), so a
 * redelivered event overwrites its movement with the same content. Keys in the order events are appended keep a
 * rebuild's inserts at the end of the store's B-tree, where its pages are cached, instead of at random places in a
 * collection larger than the cache (random event ids halved the embedded store's insert rate, BENCHMARKS.md,
 * session 7). Movements written before that are keyed by the event identifier and have no {@code eventId}. Beside
 * the {@link LedgerMovement} fields it keeps what as-of questions need: the
 * currency, the reversed entry and the balance it came {@code from} (reversals), the accrual's {@code payableAt}, and
 * the entries a payout settled. Deltas are signed and never null (zero in the movement's currency).
 */
@Document(LedgerMovementDocument.COLLECTION)
record LedgerMovementDocument(
        @Id String id,
        String eventId,
        long sequence,
        Instant recordedAt,
        String partnerId,
        String currency,
        String entryId,
        MovementType type,
        EntryKind entryKind,
        String registrationId,
        Money amount,
        Money pendingDelta,
        Money payableDelta,
        Money paidDelta,
        String text,
        String reason,
        String actorId,
        String actorRole,
        String causationId,
        String correlationId,
        String reversedEntryId,
        EntryStatus from,
        Instant payableAt,
        List<String> settledEntryIds) {

    static final String COLLECTION = "ledger_movements";
    static final String SEQUENCE = "sequence";
    static final String RECORDED_AT = "recordedAt";
    static final String PARTNER_ID = "partnerId";
    static final String TYPE = "type";
    static final String ACTOR_ID = "actorId";
    static final String REGISTRATION_ID = "registrationId";

    /** The key of the movement of the event at this global position: its digits, zero-padded to sort as numbers. */
    static String id(long position) {
        String digits = Long.toString(position);
        return "0".repeat(19 - digits.length()) + digits;
    }

    /** The identifier of the event that caused the movement. */
    String causedBy() {
        return eventId == null ? id : eventId;
    }

    LedgerMovement toMovement() {
        return new LedgerMovement(causedBy(), sequence, recordedAt, partnerId, entryId, type, entryKind, registrationId, amount,
                pendingDelta, payableDelta, paidDelta, text, reason, actorId, actorRole, causationId, correlationId);
    }
}
