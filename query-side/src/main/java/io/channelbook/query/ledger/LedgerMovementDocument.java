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
 * One balance movement, keyed by the identifier of the event that caused it, so a redelivered event overwrites its
 * movement with the same content. Beside the {@link LedgerMovement} fields it keeps what as-of questions need: the
 * currency, the reversed entry and the balance it came {@code from} (reversals), the accrual's {@code payableAt}, and
 * the entries a payout settled. Deltas are signed and never null (zero in the movement's currency).
 */
@Document(LedgerMovementDocument.COLLECTION)
record LedgerMovementDocument(
        @Id String id,
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

    LedgerMovement toMovement() {
        return new LedgerMovement(id, sequence, recordedAt, partnerId, entryId, type, entryKind, registrationId, amount,
                pendingDelta, payableDelta, paidDelta, text, reason, actorId, actorRole, causationId, correlationId);
    }
}
