package io.channelbook.ui.web.ledger;

import io.channelbook.api.ledger.CurrencyBalance;
import io.channelbook.api.ledger.EntryKind;
import io.channelbook.api.ledger.JournalPosting;
import io.channelbook.api.ledger.LedgerMovement;
import io.channelbook.api.ledger.LedgerStatement;
import io.channelbook.api.ledger.MovementType;
import io.channelbook.api.money.Money;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LedgerCsvTest {

    private static final Instant FROM = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-12-01T00:00:00Z");

    @Test
    void statementHasPeriodBalancesAndOneRowPerMovement() {
        LedgerStatement statement = new LedgerStatement("p-1", FROM, TO,
                List.of(balance("EUR", 0, 10000, 0, 0, 10000)),
                List.of(movement(7, MovementType.ACCRUED, EntryKind.ACCRUAL, eur(5000), eur(5000), null, null, "10% of 500.00 EUR", null),
                        movement(9, MovementType.REVERSED, EntryKind.REVERSAL, eur(-1250), null, eur(-1250), null, "refund, 25%", "Partial refund")),
                List.of(balance("EUR", 5000, 8750, 0, 1250, 13750)));

        String[] lines = LedgerCsv.statement(statement).split("\r\n", -1);

        assertThat(lines[0]).isEqualTo("partnerId,from,to");
        assertThat(lines[1]).isEqualTo("p-1,2026-11-01T00:00:00Z,2026-12-01T00:00:00Z");
        assertThat(lines[2]).isEmpty();
        assertThat(lines[3]).isEqualTo("balance,currency,pending,payable,paid,reversed,lifetime");
        assertThat(lines[4]).isEqualTo("opening,EUR,0.00,100.00,0.00,0.00,100.00");
        assertThat(lines[5]).isEqualTo("closing,EUR,50.00,87.50,0.00,12.50,137.50");
        assertThat(lines[6]).isEmpty();
        assertThat(lines[7]).startsWith("sequence,recordedAt,eventId,partnerId,type,entryKind,entryId,registrationId,currency,amount,");
        assertThat(lines[8]).isEqualTo("7,2026-11-03T10:00:00Z,ev-7,p-1,ACCRUED,ACCRUAL,entry-7,deal-1,EUR,50.00,50.00,,,"
                + "10% of 500.00 EUR,,user-1,FINANCE,,corr-1");
        // negative amounts stay numbers; the text with a comma is quoted
        assertThat(lines[9]).isEqualTo("9,2026-11-03T10:00:00Z,ev-9,p-1,REVERSED,REVERSAL,entry-9,deal-1,EUR,-12.50,,-12.50,,"
                + "\"refund, 25%\",Partial refund,user-1,FINANCE,,corr-1");
        assertThat(lines).hasSize(11);
        assertThat(lines[10]).isEmpty();
    }

    @Test
    void textThatASpreadsheetWouldRunIsDefused() {
        LedgerMovement hostile = movement(1, MovementType.ADJUSTED, EntryKind.ADJUSTMENT, eur(-100), null, eur(-100), null,
                "adjustment", "=HYPERLINK(\"http://evil\",\"x\")");

        String row = LedgerCsv.movements(List.of(hostile)).split("\r\n")[1];

        assertThat(row).contains(",\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\",");
        assertThat(row).contains(",EUR,-1.00,,-1.00,,");
        assertThat(LedgerCsv.text("-5")).isEqualTo("'-5");
        assertThat(LedgerCsv.text("+1")).isEqualTo("'+1");
        assertThat(LedgerCsv.text("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(LedgerCsv.text("line\nbreak")).isEqualTo("\"line\nbreak\"");
        assertThat(LedgerCsv.text(null)).isEmpty();
    }

    @Test
    void amountsAreInMajorUnitsOfTheirCurrency() {
        assertThat(LedgerCsv.amount(Money.ofMinor(123456, "EUR"))).isEqualTo("1234.56");
        assertThat(LedgerCsv.amount(Money.ofMinor(-5, "EUR"))).isEqualTo("-0.05");
        assertThat(LedgerCsv.amount(Money.ofMinor(1500, "JPY"))).isEqualTo("1500");
        assertThat(LedgerCsv.amount(Money.ofMinor(1, "KWD"))).isEqualTo("0.001");
        assertThat(LedgerCsv.amount(null)).isEmpty();
    }

    @Test
    void journalHasOneRowPerPosting() {
        String csv = LedgerCsv.journal(List.of(
                new JournalPosting("ev-1", 3, Instant.parse("2026-11-03T10:00:00Z"), "p-1", "commission-expense", eur(5000), null, "accrual"),
                new JournalPosting("ev-1", 3, Instant.parse("2026-11-03T10:00:00Z"), "p-1", "partner-pending", null, eur(5000), "accrual")));

        assertThat(csv.split("\r\n")).containsExactly(
                "sequence,recordedAt,eventId,partnerId,account,currency,debit,credit,memo",
                "3,2026-11-03T10:00:00Z,ev-1,p-1,commission-expense,EUR,50.00,,accrual",
                "3,2026-11-03T10:00:00Z,ev-1,p-1,partner-pending,EUR,,50.00,accrual");
        assertThat(LedgerCsv.journal(null)).isEqualTo("sequence,recordedAt,eventId,partnerId,account,currency,debit,credit,memo\r\n");
    }

    @Test
    void csvOnlyWhenPreferredOverJson() {
        assertThat(LedgerCsv.prefersCsv("text/csv")).isTrue();
        assertThat(LedgerCsv.prefersCsv("text/csv, application/json;q=0.5")).isTrue();
        assertThat(LedgerCsv.prefersCsv("application/json, text/csv;q=0.5")).isFalse();
        assertThat(LedgerCsv.prefersCsv("*/*")).isFalse();
        assertThat(LedgerCsv.prefersCsv(null)).isFalse();
        assertThat(LedgerCsv.prefersCsv("text/*")).isTrue();
        assertThat(LedgerCsv.prefersCsv("not a media type;;")).isFalse();
    }

    @Test
    void attachmentNamesAreSafeFileNames() {
        ResponseEntity<Object> response = LedgerCsv.attachment("statement-../../etc/passwd.csv", "x\r\n");

        assertThat(response.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION))
                .isEqualTo("attachment; filename=\"statement-.._.._etc_passwd.csv\"");
        assertThat(response.getHeaders().getContentType().toString()).isEqualTo("text/csv;charset=UTF-8");
    }

    private static Money eur(long minor) {
        return Money.ofMinor(minor, "EUR");
    }

    private static CurrencyBalance balance(String currency, long pending, long payable, long paid, long reversed, long lifetime) {
        return new CurrencyBalance(currency, Money.ofMinor(pending, currency), Money.ofMinor(payable, currency),
                Money.ofMinor(paid, currency), Money.ofMinor(reversed, currency), Money.ofMinor(lifetime, currency));
    }

    private static LedgerMovement movement(long sequence, MovementType type, EntryKind kind, Money amount, Money pending,
                                           Money payable, Money paid, String text, String reason) {
        return new LedgerMovement("ev-" + sequence, sequence, Instant.parse("2026-11-03T10:00:00Z"), "p-1", "entry-" + sequence,
                type, kind, "deal-1", amount, pending, payable, paid, text, reason, "user-1", "FINANCE", null, "corr-1");
    }
}
