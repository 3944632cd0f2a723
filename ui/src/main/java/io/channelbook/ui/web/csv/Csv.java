package io.channelbook.ui.web.csv;

import io.channelbook.api.money.Money;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The one CSV dialect of every export (audit trail, ledger, reports, pages): RFC 4180 quoting, CRLF line ends,
 * amounts in major units with the currency in its own column.
 */
public final class Csv {

    private Csv() {
    }

    /**
     * A text value, quoted where needed. One a spreadsheet would run as a formula (= + - @ tab CR first) gets a
     * leading apostrophe: reasons, memos and correlation ids come from people and other systems.
     */
    public static String text(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String safe = "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return '"' + safe.replace("\"", "\"\"") + '"';
        }
        return safe;
    }

    /** An amount in major units, e.g. -12.50; empty when absent. Never prefixed: it is a number we wrote. */
    public static String amount(Money money) {
        return money == null ? "" : money.toMajor().toPlainString();
    }

    /** One line of fields already rendered by {@link #text} or {@link #amount} (null: empty). */
    public static String row(List<String> fields) {
        return fields.stream().map(field -> field == null ? "" : field).collect(Collectors.joining(",", "", "\r\n"));
    }

    public static String row(String... fields) {
        return row(Arrays.asList(fields));
    }
}
