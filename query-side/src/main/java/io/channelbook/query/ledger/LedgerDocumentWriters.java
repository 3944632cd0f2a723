package io.channelbook.query.ledger;

import io.channelbook.api.ledger.AccrualExplanation;
import io.channelbook.api.money.Money;
import org.bson.Document;
import org.springframework.core.convert.converter.Converter;
import org.springframework.data.convert.Jsr310Converters;
import org.springframework.data.convert.WritingConverter;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;

/**
 * Hand-written writing converters for the two documents the ledger writes one of per event, movements and entries
 * (entries also as the copies in a balance document). They produce the document Spring Data's generic mapping does,
 * field for field (null fields left out, {@link Money} as {@code {amountMinor, currency}}, instants and dates as BSON
 * dates the way Spring Data converts them, decimals as text), without the type hint {@code _class}, which nothing
 * reads: {@code LedgerDocumentWritersTest} holds them to that. The generic mapping looks every property's type up
 * in its conversion service for every document, which was 19% of the ledger projection's CPU in a rebuild
 * (BENCHMARKS.md, session 7). Reading still goes through the generic mapping.
 */
public final class LedgerDocumentWriters {

    private LedgerDocumentWriters() {
    }

    /** The converters, for {@code MongoCustomConversions}. */
    public static List<Converter<?, ?>> all() {
        return List.of(MovementWriter.INSTANCE, EntryWriter.INSTANCE);
    }

    @WritingConverter
    enum MovementWriter implements Converter<LedgerMovementDocument, Document> {
        INSTANCE;

        @Override
        public Document convert(LedgerMovementDocument movement) {
            Document document = new Document();
            put(document, "_id", movement.id());
            put(document, "eventId", movement.eventId());
            document.put("sequence", movement.sequence());
            put(document, "recordedAt", movement.recordedAt());
            put(document, "partnerId", movement.partnerId());
            put(document, "currency", movement.currency());
            put(document, "entryId", movement.entryId());
            put(document, "type", movement.type());
            put(document, "entryKind", movement.entryKind());
            put(document, "registrationId", movement.registrationId());
            put(document, "amount", movement.amount());
            put(document, "pendingDelta", movement.pendingDelta());
            put(document, "payableDelta", movement.payableDelta());
            put(document, "paidDelta", movement.paidDelta());
            put(document, "text", movement.text());
            put(document, "reason", movement.reason());
            put(document, "actorId", movement.actorId());
            put(document, "actorRole", movement.actorRole());
            put(document, "causationId", movement.causationId());
            put(document, "correlationId", movement.correlationId());
            put(document, "reversedEntryId", movement.reversedEntryId());
            put(document, "from", movement.from());
            put(document, "payableAt", movement.payableAt());
            put(document, "settledEntryIds", movement.settledEntryIds());
            return document;
        }
    }

    @WritingConverter
    enum EntryWriter implements Converter<LedgerEntryDocument, Document> {
        INSTANCE;

        @Override
        public Document convert(LedgerEntryDocument entry) {
            Document document = new Document();
            put(document, "_id", entry.id());
            put(document, "partnerId", entry.partnerId());
            put(document, "kind", entry.kind());
            put(document, "status", entry.status());
            put(document, "amount", entry.amount());
            put(document, "outstanding", entry.outstanding());
            put(document, "registrationId", entry.registrationId());
            put(document, "reversedEntryId", entry.reversedEntryId());
            put(document, "earnedOn", entry.earnedOn());
            put(document, "period", entry.period());
            put(document, "recordedAt", entry.recordedAt());
            put(document, "payableAt", entry.payableAt());
            put(document, "reason", entry.reason());
            put(document, "actorId", entry.actorId());
            put(document, "explanation", entry.explanation());
            put(document, "text", entry.text());
            put(document, "eventId", entry.eventId());
            put(document, "causationId", entry.causationId());
            put(document, "correlationId", entry.correlationId());
            document.put("position", entry.position());
            document.put("lastSequence", entry.lastSequence());
            put(document, "reversalEntryIds", entry.reversalEntryIds());
            return document;
        }
    }

    private static Document explanation(AccrualExplanation explanation) {
        Document document = new Document();
        put(document, "planId", explanation.planId());
        document.put("planVersion", explanation.planVersion());
        put(document, "ruleId", explanation.ruleId());
        put(document, "ruleKind", explanation.ruleKind());
        put(document, "base", explanation.base());
        put(document, "rate", explanation.rate());
        put(document, "bounty", explanation.bounty());
        put(document, "multiplier", explanation.multiplier());
        put(document, "uncapped", explanation.uncapped());
        put(document, "capRule", explanation.capRule());
        put(document, "shareType", explanation.shareType());
        put(document, "shareWeight", explanation.shareWeight());
        put(document, "shareTotal", explanation.shareTotal());
        put(document, "rounding", explanation.rounding());
        put(document, "text", explanation.text());
        return document;
    }

    /** Puts the value as the generic mapping writes it; a null is left out, as the generic mapping does. */
    private static void put(Document document, String field, Object value) {
        if (value == null) {
            return;
        }
        Object written;
        if (value instanceof String || value instanceof Integer || value instanceof Long) {
            written = value;
        } else if (value instanceof Enum<?> constant) {
            written = constant.name();
        } else if (value instanceof Money money) {
            written = new Document("amountMinor", money.amountMinor())
                    .append("currency", money.currency().getCurrencyCode());
        } else if (value instanceof Instant instant) {
            written = Date.from(instant);
        } else if (value instanceof LocalDate date) {
            written = Jsr310Converters.LocalDateToDateConverter.INSTANCE.convert(date);
        } else if (value instanceof BigDecimal decimal) {
            written = decimal.toString();
        } else if (value instanceof AccrualExplanation explanation) {
            written = explanation(explanation);
        } else if (value instanceof List<?> list) {
            for (Object element : list) {
                if (!(element instanceof String)) {
                    throw new IllegalArgumentException("Only lists of text are written by hand: " + field);
                }
            }
            written = list;
        } else {
            throw new IllegalArgumentException("No hand-written form for " + value.getClass().getName() + " (" + field + ")");
        }
        document.put(field, written);
    }
}
