package io.channelbook.ui.web.ledger;

import io.channelbook.api.ledger.CurrencyBalance;
import io.channelbook.api.ledger.JournalPosting;
import io.channelbook.api.ledger.LedgerMovement;
import io.channelbook.api.ledger.LedgerStatement;
import io.channelbook.api.money.Money;
import io.channelbook.ui.web.csv.Csv;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * CSV exports of the ledger (RFC 4180, CRLF, UTF-8). Amounts are in major units with the currency in its own column,
 * so spreadsheets sum them exactly. A value a spreadsheet would run as a formula (= + - @ first) gets a leading
 * apostrophe, except amounts, which are numbers we produced ourselves and may well be negative.
 */
public final class LedgerCsv {

    public static final String TEXT_CSV_VALUE = "text/csv";
    static final MediaType TEXT_CSV = MediaType.parseMediaType(TEXT_CSV_VALUE);

    static final List<String> BALANCE_HEADER = List.of("balance", "currency", "pending", "payable", "paid", "reversed", "lifetime");
    static final List<String> MOVEMENT_HEADER = List.of("sequence", "recordedAt", "eventId", "partnerId", "type", "entryKind",
            "entryId", "registrationId", "currency", "amount", "pendingDelta", "payableDelta", "paidDelta", "text", "reason",
            "actorId", "actorRole", "causationId", "correlationId");
    static final List<String> JOURNAL_HEADER = List.of("sequence", "recordedAt", "eventId", "partnerId", "account", "currency",
            "debit", "credit", "memo");

    private LedgerCsv() {
    }

    /**
     * CSV only when the client prefers it to JSON (by quality, then specificity); anything else, {@code *}{@code /*}
     * and no Accept header included, gets JSON.
     */
    static boolean prefersCsv(String acceptHeader) {
        List<MediaType> accepted;
        try {
            accepted = acceptHeader == null || acceptHeader.isBlank() ? List.of() : MediaType.parseMediaTypes(acceptHeader);
        } catch (org.springframework.http.InvalidMediaTypeException unreadable) {
            return false;
        }
        return accepted.stream()
                .filter(type -> type.getQualityValue() > 0)
                .sorted(Comparator.comparingDouble(MediaType::getQualityValue).reversed()
                        .thenComparing(MediaType::isWildcardType)
                        .thenComparing(MediaType::isWildcardSubtype))
                .filter(type -> type.isCompatibleWith(MediaType.APPLICATION_JSON) || type.isCompatibleWith(TEXT_CSV))
                .findFirst()
                .map(type -> !type.isCompatibleWith(MediaType.APPLICATION_JSON))
                .orElse(false);
    }

    /**
     * A statement in three blocks separated by an empty line: the statement's partner and period; the opening and
     * closing balances per currency; one row per movement in event order.
     */
    public static String statement(LedgerStatement statement) {
        StringBuilder csv = new StringBuilder();
        csv.append(row(List.of("partnerId", "from", "to")));
        csv.append(row(List.of(text(statement.partnerId()), text(Objects.toString(statement.from(), null)),
                text(Objects.toString(statement.to(), null)))));
        csv.append("\r\n");
        csv.append(row(BALANCE_HEADER));
        balances(csv, "opening", statement.opening());
        balances(csv, "closing", statement.closing());
        csv.append("\r\n");
        csv.append(movements(statement.movements()));
        return csv.toString();
    }

    /** One row per movement, with its header. */
    public static String movements(List<LedgerMovement> movements) {
        StringBuilder csv = new StringBuilder(row(MOVEMENT_HEADER));
        for (LedgerMovement movement : movements == null ? List.<LedgerMovement>of() : movements) {
            csv.append(row(List.of(
                    text(Long.toString(movement.sequence())),
                    text(Objects.toString(movement.recordedAt(), null)),
                    text(movement.eventId()),
                    text(movement.partnerId()),
                    text(movement.type() == null ? null : movement.type().name()),
                    text(movement.entryKind() == null ? null : movement.entryKind().name()),
                    text(movement.entryId()),
                    text(movement.registrationId()),
                    text(currencyOf(movement.amount(), movement.pendingDelta(), movement.payableDelta(), movement.paidDelta())),
                    amount(movement.amount()),
                    amount(movement.pendingDelta()),
                    amount(movement.payableDelta()),
                    amount(movement.paidDelta()),
                    text(movement.text()),
                    text(movement.reason()),
                    text(movement.actorId()),
                    text(movement.actorRole()),
                    text(movement.causationId()),
                    text(movement.correlationId()))));
        }
        return csv.toString();
    }

    /** One row per journal line, with its header. */
    public static String journal(List<JournalPosting> postings) {
        StringBuilder csv = new StringBuilder(row(JOURNAL_HEADER));
        for (JournalPosting posting : postings == null ? List.<JournalPosting>of() : postings) {
            csv.append(row(List.of(
                    text(Long.toString(posting.sequence())),
                    text(Objects.toString(posting.recordedAt(), null)),
                    text(posting.eventId()),
                    text(posting.partnerId()),
                    text(posting.account()),
                    text(currencyOf(posting.debit(), posting.credit())),
                    amount(posting.debit()),
                    amount(posting.credit()),
                    text(posting.memo()))));
        }
        return csv.toString();
    }

    public static ResponseEntity<Object> attachment(String filename, String csv) {
        ContentDisposition disposition = ContentDisposition.attachment()
                .filename(filename.replaceAll("[^A-Za-z0-9._-]", "_"))
                .build();
        return ResponseEntity.ok()
                .contentType(new MediaType(TEXT_CSV, StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, disposition.toString())
                .body(csv);
    }

    private static void balances(StringBuilder csv, String label, List<CurrencyBalance> balances) {
        for (CurrencyBalance balance : balances == null ? List.<CurrencyBalance>of() : balances) {
            csv.append(row(List.of(text(label), text(balance.currency()), amount(balance.pending()), amount(balance.payable()),
                    amount(balance.paid()), amount(balance.reversed()), amount(balance.lifetime()))));
        }
    }

    private static String currencyOf(Money... amounts) {
        return Stream.of(amounts).filter(Objects::nonNull).findFirst().map(money -> money.currency().getCurrencyCode()).orElse(null);
    }

    /** An amount in major units, e.g. -12.50; empty when absent. Never prefixed: it is a number we wrote. */
    public static String amount(Money money) {
        return Csv.amount(money);
    }

    /**
     * RFC 4180 quoting of a text value; one a spreadsheet would run as a formula gets a leading apostrophe, because
     * reasons, memos and correlation ids come from people and other systems.
     */
    public static String text(String value) {
        return Csv.text(value);
    }

    

    /** Fields already rendered by {@link #text} or {@link #amount}. */
    public static String row(List<String> fields) {
        return Csv.row(fields);
    }
}
