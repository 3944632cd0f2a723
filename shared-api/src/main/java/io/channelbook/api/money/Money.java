package io.channelbook.api.money;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Objects;

/**
 * An amount of money: integer minor units (cents, pence, yen) plus an ISO-4217 currency.
 * <p>
 * Arithmetic never mixes currencies and never creates or loses a minor unit: the only rounding happens in
 * {@link #times(BigDecimal)} with {@link #ROUNDING}, and {@link #allocate(long...)} hands out every unit.
 */
public record Money(long amountMinor, Currency currency) implements Comparable<Money> {

    /** The one rounding rule of the ledger. */
    public static final RoundingMode ROUNDING = RoundingMode.HALF_EVEN;

    public Money {
        Objects.requireNonNull(currency, "currency");
        if (currency.getDefaultFractionDigits() < 0) {
            throw new IllegalArgumentException("Currency " + currency.getCurrencyCode() + " has no minor unit");
        }
    }

    public static Money ofMinor(long amountMinor, String currencyCode) {
        return new Money(amountMinor, currency(currencyCode));
    }

    public static Money zero(Currency currency) {
        return new Money(0, currency);
    }

    /**
     * An amount given in major units ("12.34" EUR). More decimals than the currency has are refused rather than
     * rounded away: a client that sends 12.345 EUR made a mistake.
     */
    public static Money ofMajor(BigDecimal amount, String currencyCode) {
        Currency currency = currency(currencyCode);
        BigDecimal minor = amount.movePointRight(currency.getDefaultFractionDigits());
        try {
            return new Money(minor.longValueExact(), currency);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(
                    amount.toPlainString() + " " + currency.getCurrencyCode() + " is not a whole number of minor units",
                    e);
        }
    }

    /** Looks up an ISO-4217 code; unknown codes are an {@link IllegalArgumentException}. */
    public static Currency currency(String currencyCode) {
        Objects.requireNonNull(currencyCode, "currency");
        Currency currency;
        try {
            currency = Currency.getInstance(currencyCode);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown ISO-4217 currency code: " + currencyCode, e);
        }
        if (currency.getDefaultFractionDigits() < 0) {
            throw new IllegalArgumentException("Currency " + currencyCode + " has no minor unit");
        }
        return currency;
    }

    public BigDecimal toMajor() {
        return BigDecimal.valueOf(amountMinor, currency.getDefaultFractionDigits());
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.addExact(amountMinor, other.amountMinor), currency);
    }

    public Money minus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.subtractExact(amountMinor, other.amountMinor), currency);
    }

    public Money negate() {
        return new Money(Math.negateExact(amountMinor), currency);
    }

    /** Multiplies by a rate (a percentage as 0.15, an FX rate, a multiplier), rounding once with {@link #ROUNDING}. */
    public Money times(BigDecimal factor) {
        BigDecimal product = BigDecimal.valueOf(amountMinor).multiply(factor).setScale(0, ROUNDING);
        return new Money(product.longValueExact(), currency);
    }

    /**
     * Splits this amount in proportion to the given non-negative ratios so that the parts add up exactly to this
     * amount. Each part first gets its rounded-down share; the units left over go one each to the parts with the
     * largest remainders (ties to the earlier part), so the split is as fair as whole units allow and deterministic.
     */
    public List<Money> allocate(long... ratios) {
        if (ratios.length == 0) {
            throw new IllegalArgumentException("At least one ratio is needed");
        }
        BigInteger total = BigInteger.ZERO;
        for (long ratio : ratios) {
            if (ratio < 0) {
                throw new IllegalArgumentException("Ratios must not be negative: " + ratio);
            }
            total = total.add(BigInteger.valueOf(ratio));
        }
        if (total.signum() == 0) {
            throw new IllegalArgumentException("Ratios must not all be zero");
        }
        // BigInteger throughout: the magnitude of Long.MIN_VALUE does not fit in a long
        BigInteger amount = BigInteger.valueOf(amountMinor).abs();
        BigInteger[] parts = new BigInteger[ratios.length];
        BigInteger[] remainders = new BigInteger[ratios.length];
        BigInteger handedOut = BigInteger.ZERO;
        for (int i = 0; i < ratios.length; i++) {
            BigInteger[] quotientAndRemainder = amount.multiply(BigInteger.valueOf(ratios[i])).divideAndRemainder(total);
            parts[i] = quotientAndRemainder[0];
            remainders[i] = quotientAndRemainder[1];
            handedOut = handedOut.add(parts[i]);
        }
        int leftOver = amount.subtract(handedOut).intValueExact(); // fewer than ratios.length
        Integer[] order = new Integer[ratios.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> remainders[b].compareTo(remainders[a]));
        for (int i = 0; i < leftOver; i++) {
            parts[order[i]] = parts[order[i]].add(BigInteger.ONE);
        }
        boolean negative = amountMinor < 0;
        return Arrays.stream(parts)
                .map(part -> new Money((negative ? part.negate() : part).longValueExact(), currency))
                .toList();
    }

    /** -1, 0 or 1 as the amount is negative, zero or positive. */
    public int signum() {
        return Long.signum(amountMinor);
    }

    @Override
    public int compareTo(Money other) {
        requireSameCurrency(other);
        return Long.compare(amountMinor, other.amountMinor);
    }

    private void requireSameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new CurrencyMismatchException(currency, other.currency);
        }
    }

    @Override
    public String toString() {
        return toMajor().toPlainString() + " " + currency.getCurrencyCode();
    }
}
