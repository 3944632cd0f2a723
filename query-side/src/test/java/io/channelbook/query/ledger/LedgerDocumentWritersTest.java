package io.channelbook.query.ledger;

import io.channelbook.api.commission.RuleKind;
import io.channelbook.api.deal.TouchType;
import io.channelbook.api.ledger.AccrualExplanation;
import io.channelbook.api.ledger.EntryKind;
import io.channelbook.api.ledger.EntryStatus;
import io.channelbook.api.ledger.MovementType;
import io.channelbook.api.money.Money;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.bson.Document;
import org.springframework.data.mongodb.core.convert.MappingMongoConverter;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hand-written writers produce, for any movement or entry (nulls anywhere they may be), the very document Spring
 * Data's generic mapping writes, but for its type hint; and what they write reads back, through the generic
 * mapping, as the document written. Balance documents, which embed entries, too.
 */
class LedgerDocumentWritersTest {

    private static final Instant EPOCH_2026 = Instant.parse("2026-01-01T00:00:00Z");

    private final MappingMongoConverter generic = InMemoryMongo.mapping(List.of());
    private final MappingMongoConverter byHand = InMemoryMongo.mapping(LedgerDocumentWriters.all());

    @Property(tries = 300)
    void aMovementIsWrittenAsTheGenericMappingWritesIt(@ForAll("movements") LedgerMovementDocument movement) {
        Document written = write(byHand, movement);

        assertThat(written).isEqualTo(withoutTypeHint(write(generic, movement)));
        assertThat(byHand.read(LedgerMovementDocument.class, written)).isEqualTo(movement);
    }

    @Property(tries = 300)
    void anEntryIsWrittenAsTheGenericMappingWritesIt(@ForAll("entries") LedgerEntryDocument entry) {
        Document written = write(byHand, entry);

        assertThat(written).isEqualTo(withoutTypeHint(write(generic, entry)));
        assertThat(byHand.read(LedgerEntryDocument.class, written)).isEqualTo(entry);
    }

    @Property(tries = 100)
    void entriesInsideABalanceAreWrittenAsTheGenericMappingWritesThem(
            @ForAll("entries") LedgerEntryDocument first, @ForAll("entries") LedgerEntryDocument second) {
        LedgerBalanceDocument balance = new LedgerBalanceDocument("partner-1", List.of(), List.of(),
                List.of(first.id(), second.id()), 3, 17, EPOCH_2026, List.of(), List.of(first, second));

        Document written = write(byHand, balance);

        assertThat(written).isEqualTo(write(generic, balance));
        assertThat(byHand.read(LedgerBalanceDocument.class, written)).isEqualTo(balance);
    }

    @Provide
    Arbitrary<LedgerMovementDocument> movements() {
        Arbitrary<Object[]> head = Combinators.combine(ids(), ids().injectNull(0.3), Arbitraries.longs().between(0, 1_000_000),
                instants(), ids(), Arbitraries.of("EUR", "USD", "JPY"), ids().injectNull(0.2),
                Arbitraries.of(MovementType.class)).as((id, eventId, sequence, at, partner, currency, entry, type)
                -> new Object[] {id, eventId, sequence, at, partner, currency, entry, type});
        Arbitrary<Object[]> middle = Combinators.combine(Arbitraries.of(EntryKind.class).injectNull(0.3),
                ids().injectNull(0.3), money(), money(), money(), money(), texts(), texts()).as(
                (kind, registration, amount, pending, payable, paid, text, reason)
                        -> new Object[] {kind, registration, amount, pending, payable, paid, text, reason});
        Arbitrary<Object[]> tail = Combinators.combine(ids().injectNull(0.3), Arbitraries.of("ADMIN", "PARTNER").injectNull(0.3),
                ids().injectNull(0.3), ids().injectNull(0.3), ids().injectNull(0.5),
                Arbitraries.of(EntryStatus.class).injectNull(0.5), instants().injectNull(0.5),
                ids().list().ofMaxSize(3).injectNull(0.5)).as(
                (actor, role, causation, correlation, reversed, from, payableAt, settled)
                        -> new Object[] {actor, role, causation, correlation, reversed, from, payableAt, settled});
        return Combinators.combine(head, middle, tail).as((h, m, t) -> new LedgerMovementDocument((String) h[0],
                (String) h[1], (long) h[2], (Instant) h[3], (String) h[4], (String) h[5], (String) h[6],
                (MovementType) h[7], (EntryKind) m[0], (String) m[1], (Money) m[2], (Money) m[3], (Money) m[4],
                (Money) m[5], (String) m[6], (String) m[7], (String) t[0], (String) t[1], (String) t[2],
                (String) t[3], (String) t[4], (EntryStatus) t[5], (Instant) t[6], list(t[7])));
    }

    @Provide
    Arbitrary<LedgerEntryDocument> entries() {
        Arbitrary<Object[]> head = Combinators.combine(ids(), ids(), Arbitraries.of(EntryKind.class),
                Arbitraries.of(EntryStatus.class), money(), money(), ids().injectNull(0.3), ids().injectNull(0.5)).as(
                (id, partner, kind, status, amount, outstanding, registration, reversed)
                        -> new Object[] {id, partner, kind, status, amount, outstanding, registration, reversed});
        Arbitrary<Object[]> middle = Combinators.combine(dates().injectNull(0.3), Arbitraries.of("2026-Q1", "2026-11").injectNull(0.5),
                instants(), instants().injectNull(0.3), texts(), ids().injectNull(0.3), explanations().injectNull(0.4),
                texts()).as((earnedOn, period, recordedAt, payableAt, reason, actor, explanation, text)
                -> new Object[] {earnedOn, period, recordedAt, payableAt, reason, actor, explanation, text});
        Arbitrary<Object[]> tail = Combinators.combine(ids().injectNull(0.2), ids().injectNull(0.3), ids().injectNull(0.3),
                Arbitraries.longs().between(0, 10_000_000), Arbitraries.longs().between(0, 10_000),
                ids().list().ofMaxSize(3).injectNull(0.3)).as(
                (event, causation, correlation, position, sequence, reversals)
                        -> new Object[] {event, causation, correlation, position, sequence, reversals});
        return Combinators.combine(head, middle, tail).as((h, m, t) -> new LedgerEntryDocument((String) h[0],
                (String) h[1], (EntryKind) h[2], (EntryStatus) h[3], (Money) h[4], (Money) h[5], (String) h[6],
                (String) h[7], (LocalDate) m[0], (String) m[1], (Instant) m[2], (Instant) m[3], (String) m[4],
                (String) m[5], (AccrualExplanation) m[6], (String) m[7], (String) t[0], (String) t[1], (String) t[2],
                (long) t[3], (long) t[4], list(t[5])));
    }

    private Arbitrary<AccrualExplanation> explanations() {
        Arbitrary<Object[]> head = Combinators.combine(ids(), Arbitraries.integers().between(1, 20), ids(),
                Arbitraries.of(RuleKind.class), money(), decimals().injectNull(0.3), money().injectNull(0.5),
                decimals().injectNull(0.3)).as((plan, version, rule, kind, base, rate, bounty, multiplier)
                -> new Object[] {plan, version, rule, kind, base, rate, bounty, multiplier});
        Arbitrary<Object[]> tail = Combinators.combine(money().injectNull(0.5), texts(),
                Arbitraries.of(TouchType.class).injectNull(0.5), Arbitraries.integers().between(1, 100).injectNull(0.5),
                Arbitraries.integers().between(1, 100).injectNull(0.5), Arbitraries.of("HALF_EVEN").injectNull(0.3),
                texts()).as((uncapped, cap, share, weight, total, rounding, text)
                -> new Object[] {uncapped, cap, share, weight, total, rounding, text});
        return Combinators.combine(head, tail).as((h, t) -> new AccrualExplanation((String) h[0], (int) h[1],
                (String) h[2], (RuleKind) h[3], (Money) h[4], (BigDecimal) h[5], (Money) h[6], (BigDecimal) h[7],
                (Money) t[0], (String) t[1], (TouchType) t[2], (Integer) t[3], (Integer) t[4], (String) t[5],
                (String) t[6]));
    }

    private static Arbitrary<String> ids() {
        return Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(12);
    }

    private static Arbitrary<String> texts() {
        return Arbitraries.strings().all().ofMaxLength(20).injectNull(0.4);
    }

    private static Arbitrary<Money> money() {
        return Combinators.combine(Arbitraries.longs().between(-1_000_000_000L, 1_000_000_000L),
                Arbitraries.of("EUR", "USD", "JPY")).as(Money::ofMinor);
    }

    private static Arbitrary<BigDecimal> decimals() {
        return Arbitraries.bigDecimals().between(BigDecimal.ZERO, BigDecimal.TEN).ofScale(4);
    }

    /** Millisecond instants: what a BSON date holds. */
    private static Arbitrary<Instant> instants() {
        return Arbitraries.longs().between(0, 10L * 365 * 24 * 3600 * 1000).map(EPOCH_2026::plusMillis);
    }

    private static Arbitrary<LocalDate> dates() {
        return Arbitraries.integers().between(0, 3650).map(days -> LocalDate.of(2024, 1, 1).plusDays(days));
    }

    @SuppressWarnings("unchecked")
    private static List<String> list(Object value) {
        return (List<String>) value;
    }

    private static Document write(MappingMongoConverter converter, Object document) {
        Document written = new Document();
        converter.write(document, written);
        return written;
    }

    private static Document withoutTypeHint(Document document) {
        document.remove("_class");
        return document;
    }
}
