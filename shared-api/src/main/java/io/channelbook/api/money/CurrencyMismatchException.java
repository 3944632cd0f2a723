package io.channelbook.api.money;

import java.util.Currency;

/** Amounts in different currencies were combined; the ledger never adds them without an explicit FX rate. */
public class CurrencyMismatchException extends IllegalArgumentException {

    public CurrencyMismatchException(Currency left, Currency right) {
        super("Cannot combine " + left.getCurrencyCode() + " with " + right.getCurrencyCode());
    }
}
