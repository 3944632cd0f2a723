package io.channelbook.query.ledger;

import io.channelbook.api.ledger.CurrencyBalance;
import io.channelbook.api.ledger.EarningsSummary;
import io.channelbook.api.ledger.MonthlyEarnings;
import io.channelbook.api.ledger.MovementType;
import io.channelbook.api.money.Money;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A partner's current balances, keyed by partner id: one line per currency in minor units, the entries still (partly)
 * pending with the instant they become payable, the ids of the latest entries, newest first, and, so that the earnings
 * summary (the partner's dashboard, and what is pushed to it live) is this one document, the partner's earnings per
 * month and copies of those latest entries, kept up to date by every event that changes one of them.
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
        Instant updatedAt,
        List<MonthLine> months,
        List<LedgerEntryDocument> recentEntries) {

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

    /**
     * What the partner earned in one UTC month ({@code yyyy-MM}) and currency, as {@link MonthlyEarningsDocument}
     * has it: a line exists from the first accrual, reversal or adjustment recorded in that month.
     */
    record MonthLine(String month, String currency, long earned) {
    }

    static LedgerBalanceDocument empty(String partnerId) {
        return new LedgerBalanceDocument(partnerId, List.of(), List.of(), List.of(), -1, -1, null, List.of(), List.of());
    }

    /**
     * Whether this document carries the whole earnings summary ({@link #summary}): its months and copies of its recent
     * entries. A balance written before they were kept has neither until the ledger is rebuilt, and its summary is
     * read from the month and entry documents instead.
     */
    boolean carriesSummary() {
        return months != null && recentEntries != null;
    }

    /**
     * The earnings summary from this document alone: balances, next payable date, the {@code monthsBack} UTC months up
     * to {@code thisMonth} with earnings (oldest first, currencies in code order), the recent entries (newest first).
     */
    EarningsSummary summary(YearMonth thisMonth, int monthsBack) {
        String from = thisMonth.minusMonths(monthsBack - 1L).toString();
        String to = thisMonth.toString();
        List<MonthlyEarnings> earnings = months.stream()
                .filter(line -> line.month().compareTo(from) >= 0 && line.month().compareTo(to) <= 0)
                .sorted(Comparator.comparing(MonthLine::month).thenComparing(MonthLine::currency))
                .map(line -> new MonthlyEarnings(line.month(), Money.ofMinor(line.earned(), line.currency())))
                .toList();
        return new EarningsSummary(id, balances(), nextPayableAt(), earnings,
                recentEntries.stream().map(LedgerEntryDocument::toView).toList(), lastSequence);
    }

    /**
     * This balance with its copies of the recent entries brought up to date: each from {@code current} (the entries as
     * the batch has them; null for one it has not read), else the copy already here. If one is in neither, the copies
     * are dropped and the summary is read from the entry documents (as for a balance from before the copies).
     */
    LedgerBalanceDocument withRecentEntries(Function<String, LedgerEntryDocument> current) {
        if (recentEntries == null) {
            return this;
        }
        Map<String, LedgerEntryDocument> copies = new HashMap<>();
        recentEntries.forEach(entry -> copies.put(entry.id(), entry));
        List<LedgerEntryDocument> refreshed = new ArrayList<>(recentEntryIds.size());
        for (String entryId : recentEntryIds) {
            LedgerEntryDocument entry = current.apply(entryId);
            if (entry == null) {
                entry = copies.get(entryId);
            }
            if (entry == null) {
                return new LedgerBalanceDocument(id, currencies, pendingEntries, recentEntryIds, lastSequence,
                        lastPosition, updatedAt, months, null);
            }
            refreshed.add(entry);
        }
        return new LedgerBalanceDocument(id, currencies, pendingEntries, recentEntryIds, lastSequence, lastPosition,
                updatedAt, months, refreshed);
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
                movement.recordedAt(), monthsAfter(movement), recentEntries);
    }

    /** Accruals, reversals and adjustments count toward the UTC month the movement was recorded in. */
    private List<MonthLine> monthsAfter(LedgerMovementDocument movement) {
        if (months == null || (movement.type() != MovementType.ACCRUED && movement.type() != MovementType.REVERSED
                && movement.type() != MovementType.ADJUSTED)) {
            return months;
        }
        String month = YearMonth.from(movement.recordedAt().atZone(ZoneOffset.UTC)).toString();
        List<MonthLine> after = new ArrayList<>(months.size() + 1);
        boolean found = false;
        for (MonthLine line : months) {
            if (line.month().equals(month) && line.currency().equals(movement.currency())) {
                after.add(new MonthLine(month, line.currency(),
                        Math.addExact(line.earned(), movement.amount().amountMinor())));
                found = true;
            } else {
                after.add(line);
            }
        }
        if (!found) {
            after.add(new MonthLine(month, movement.currency(), movement.amount().amountMinor()));
        }
        return after;
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
