package io.channelbook.query.ledger;

import io.channelbook.api.ledger.MonthlyEarnings;
import io.channelbook.api.money.Money;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.YearMonth;

/**
 * What a partner earned in one UTC calendar month and one currency (accruals, reversals and adjustments, signed),
 * keyed {@code partnerId/currency/yyyy-MM} so a year of months is read by id. {@code lastSequence} as in the other
 * ledger documents.
 */
@Document(MonthlyEarningsDocument.COLLECTION)
record MonthlyEarningsDocument(@Id String id, String partnerId, String currency, String month, long earned,
                               long lastSequence) {

    static final String COLLECTION = "ledger_monthly_earnings";

    static String id(String partnerId, String currency, YearMonth month) {
        return partnerId + "/" + currency + "/" + month;
    }

    MonthlyEarnings toMonthlyEarnings() {
        return new MonthlyEarnings(month, Money.ofMinor(earned, currency));
    }
}
