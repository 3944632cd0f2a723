package io.channelbook.query.ledger;

import io.channelbook.api.ledger.CurrencyBalance;
import io.channelbook.api.ledger.MovementType;
import io.channelbook.api.money.Money;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A partner's current balances, keyed by partner id: one line per currency in minor units, the entries still (partly)
 * pending with the instant they become payable, and the ids of the latest entries, newest first. Everything the
 * earnings summary needs is read by id.
 * <p>
 * {@code lastSequence} is the sequence number, in the partner's ledger stream, of the last balance-moving event
 * applied: the redelivery guard, and the summary's version (the same after a rebuild). {@code lastPosition} is the
 * position the processor's stream had reached when it applied that event, which is what the auditor waits for; it is
 * not the summary's version because, when commits interleave, a live processor receives an event that fills a gap in
 * the global sequence with the position it had already reached, while a rebuild, seeing no gap, receives it with its
 * own (lower) position.
 */
@Document(LedgerBalanceDocument.COLLECTION)
record LedgerBalanceDocument(
        @Id String id,
        List<Line> currencies,
        List<PendingEntry> pendingEntries,
        List<String> recentEntryIds,
        long lastSequence,
        long lastPosition,
        Instant updatedAt) {

    static final String COLLECTION = "ledger_balances";
    static final int RECENT = 10;

    /** Balances in one currency, minor units. {@code pending + payable + paid == lifetime}. */
    record Line(String currency, long pending, long payable, long paid, long reversed, long lifetime) {

        static Line zero(String currency) {
            return new Line(currency, 0, 0, 0, 0, 0);
        }

        Line plus(LedgerMovementDocument movement) {
            long pendingDelta = movement.pendingDelta().amountMinor();
            long payableDelta = movement.payableDelta().amountMinor();
            long paidDelta = movement.paidDelta().amountMinor();
            long reversedDelta = movement.type() == MovementType.REVERSED
                    ? Math.negateExact(movement.amount().amountMinor()) : 0;
            return new Line(currency, Math.addExact(pending, pendingDelta), Math.addExact(payable, payableDelta),
                    Math.addExact(paid, paidDelta), Math.addExact(reversed, reversedDelta),
                    Math.addExact(lifetime, Math.addExact(pendingDelta, Math.addExact(payableDelta, paidDelta))));
        }

        CurrencyBalance toBalance() {
            return new CurrencyBalance(currency, Money.ofMinor(pending, currency), Money.ofMinor(payable, currency),
                    Money.ofMinor(paid, currency), Money.ofMinor(reversed, currency),
                    Money.ofMinor(lifetime, currency));
        }
    }

    /** An entry with money still pending: {@code outstanding} minor units become payable at {@code payableAt}. */
    record PendingEntry(String entryId, String currency, Instant payableAt, long outstanding) {
    }

    static LedgerBalanceDocument empty(String partnerId) {
        return new LedgerBalanceDocument(partnerId, List.of(), List.of(), List.of(), -1, -1, null);
    }

    boolean covers(long sequence) {
        return lastSequence >= sequence;
    }

    /** The balances after {@code movement}, with its bookkeeping of pending entries; {@code newEntryId} if it made one. */
    LedgerBalanceDocument apply(LedgerMovementDocument movement, String newEntryId, long sequence, long position) {
        List<Line> lines = new ArrayList<>(currencies);
        int index = indexOf(lines, movement.currency());
        Line line = index < 0 ? Line.zero(movement.currency()) : lines.get(index);
        if (index < 0) {
            lines.add(line.plus(movement));
            lines.sort(Comparator.comparing(Line::currency));
        } else {
            lines.set(index, line.plus(movement));
        }
        List<String> recent = recentEntryIds;
        if (newEntryId != null) {
            recent = new ArrayList<>(RECENT);
            recent.add(newEntryId);
            recentEntryIds.stream().filter(id -> !id.equals(newEntryId)).limit(RECENT - 1).forEach(recent::add);
        }
        return new LedgerBalanceDocument(id, lines, pendingAfter(movement), recent, sequence, position,
                movement.recordedAt());
    }

    private List<PendingEntry> pendingAfter(LedgerMovementDocument movement) {
        List<PendingEntry> pending = new ArrayList<>(pendingEntries);
        switch (movement.type()) {
            case ACCRUED -> {
                pending.removeIf(entry -> entry.entryId().equals(movement.entryId()));
                if (movement.amount().signum() > 0) {
                    pending.add(new PendingEntry(movement.entryId(), movement.currency(), movement.payableAt(),
                            movement.amount().amountMinor()));
                }
            }
            case RELEASED -> pending.removeIf(entry -> entry.entryId().equals(movement.entryId()));
            case REVERSED -> {
                if (movement.pendingDelta().signum() != 0) {
                    pending.replaceAll(entry -> entry.entryId().equals(movement.reversedEntryId())
                            ? new PendingEntry(entry.entryId(), entry.currency(), entry.payableAt(),
                            entry.outstanding() + movement.pendingDelta().amountMinor())
                            : entry);
                    pending.removeIf(entry -> entry.outstanding() <= 0);
                }
            }
            default -> {
            }
        }
        return pending;
    }

    Instant nextPayableAt() {
        return pendingEntries.stream()
                .filter(entry -> entry.outstanding() > 0)
                .map(PendingEntry::payableAt)
                .filter(Objects::nonNull)
                .min(Comparator.naturalOrder())
                .orElse(null);
    }

    List<CurrencyBalance> balances() {
        return currencies.stream().map(Line::toBalance).toList();
    }

    private static int indexOf(List<Line> lines, String currency) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).currency().equals(currency)) {
                return i;
            }
        }
        return -1;
    }
}
