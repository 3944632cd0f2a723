package io.channelbook.query.ledger;

import io.channelbook.api.ledger.AccrualExplanation;
import io.channelbook.api.ledger.EntryKind;
import io.channelbook.api.ledger.EntryStatus;
import io.channelbook.api.ledger.LedgerEntryView;
import io.channelbook.api.money.Money;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * One ledger entry with its current status and outstanding amount, keyed by entry id. {@code position} is the global
 * position of the event that created it (orders entries recorded at the same instant); {@code lastSequence} is the
 * sequence number, in the partner's ledger stream, of the last event applied to it, which makes redelivery harmless.
 * {@code reversalEntryIds} lists the reversals taken from it.
 */
@Document(LedgerEntryDocument.COLLECTION)
record LedgerEntryDocument(
        @Id String id,
        String partnerId,
        EntryKind kind,
        EntryStatus status,
        Money amount,
        Money outstanding,
        String registrationId,
        String reversedEntryId,
        LocalDate earnedOn,
        String period,
        Instant recordedAt,
        Instant payableAt,
        String reason,
        String actorId,
        AccrualExplanation explanation,
        String text,
        String eventId,
        String causationId,
        String correlationId,
        long position,
        long lastSequence,
        List<String> reversalEntryIds) {

    static final String COLLECTION = "ledger_entries";
    static final String PARTNER_ID = "partnerId";
    static final String KIND = "kind";
    static final String RECORDED_AT = "recordedAt";
    static final String POSITION = "position";

    boolean covers(long sequence) {
        return lastSequence >= sequence;
    }

    LedgerEntryDocument withStatus(EntryStatus newStatus, long sequence) {
        return new LedgerEntryDocument(id, partnerId, kind, newStatus, amount, outstanding, registrationId,
                reversedEntryId, earnedOn, period, recordedAt, payableAt, reason, actorId, explanation, text, eventId,
                causationId, correlationId, position, sequence, reversalEntryIds);
    }

    /** A reversal of {@code reversal} (negative) was taken from this entry. */
    LedgerEntryDocument reversedBy(String reversalEntryId, Money reversal, long sequence) {
        List<String> reversals = new ArrayList<>(reversalEntryIds == null ? List.of() : reversalEntryIds);
        if (!reversals.contains(reversalEntryId)) {
            reversals.add(reversalEntryId);
        }
        return new LedgerEntryDocument(id, partnerId, kind, status, amount, outstanding.plus(reversal), registrationId,
                reversedEntryId, earnedOn, period, recordedAt, payableAt, reason, actorId, explanation, text, eventId,
                causationId, correlationId, position, sequence, reversals);
    }

    LedgerEntryView toView() {
        return new LedgerEntryView(id, partnerId, kind, status, amount, outstanding, registrationId, reversedEntryId,
                earnedOn, period, recordedAt, payableAt, reason, actorId, explanation, text, eventId, causationId,
                correlationId);
    }
}
