package io.channelbook.ui.web.page;

import io.channelbook.api.ledger.CurrencyBalance;
import io.channelbook.api.ledger.LedgerMovement;
import io.channelbook.api.ledger.LedgerStatement;
import io.channelbook.api.money.Money;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** A period statement as CSV: opening balances, every movement with its explanation, closing balances. */
final class StatementCsv {

    private StatementCsv() {
    }

    static String render(LedgerStatement statement) {
        StringBuilder csv = new StringBuilder();
        line(csv, "section", "sequence", "recordedAt", "type", "entryKind", "entryId", "registrationId", "currency",
                "amount", "pendingDelta", "payableDelta", "paidDelta", "explanation", "reason", "actorId");
        for (CurrencyBalance balance : statement.opening()) {
            balanceLine(csv, "opening", balance);
        }
        for (LedgerMovement movement : statement.movements()) {
            line(csv, "movement", Long.toString(movement.sequence()), String.valueOf(movement.recordedAt()),
                    name(movement.type()), name(movement.entryKind()), movement.entryId(), movement.registrationId(),
                    movement.amount() == null ? "" : movement.amount().currency().getCurrencyCode(),
                    major(movement.amount()), major(movement.pendingDelta()), major(movement.payableDelta()),
                    major(movement.paidDelta()), movement.text(), movement.reason(), movement.actorId());
        }
        for (CurrencyBalance balance : statement.closing()) {
            balanceLine(csv, "closing", balance);
        }
        return csv.toString();
    }

    static ResponseEntity<String> attachment(String filename, String csv) {
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(filename).build().toString())
                .body(csv);
    }

    private static void balanceLine(StringBuilder csv, String section, CurrencyBalance balance) {
        line(csv, section, "", "", "", "", "", "", balance.currency(), major(balance.lifetime()), major(balance.pending()),
                major(balance.payable()), major(balance.paid()), "pending/payable/paid; lifetime in amount", "", "");
    }

    private static String name(Enum<?> value) {
        return value == null ? "" : value.name();
    }

    private static String major(Money money) {
        return money == null ? "" : money.toMajor().toPlainString();
    }

    private static void line(StringBuilder csv, String... values) {
        csv.append(Stream.of(values).map(StatementCsv::quote).collect(Collectors.joining(","))).append("\r\n");
    }

    /** RFC 4180 quoting, and a leading quote for values a spreadsheet would run as a formula. */
    static String quote(String value) {
        if (value == null) {
            return "";
        }
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 && !isNumber(value) ? "'" + value : value;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return "\"" + safe.replace("\"", "\"\"") + "\"";
        }
        return safe;
    }

    private static boolean isNumber(String value) {
        return value.matches("-?\\d+(\\.\\d+)?");
    }
}
