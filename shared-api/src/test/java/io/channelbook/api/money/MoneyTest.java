package io.channelbook.api.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MoneyTest {

    private static final Currency EUR = Currency.getInstance("EUR");

    private static Money eur(long cents) {
        return Money.ofMinor(cents, "EUR");
    }

    private static List<Long> minorUnits(List<Money> parts) {
        return parts.stream().map(Money::amountMinor).toList();
    }

    @Nested
    class Allocation {

        @Test
        void allocatesRemainderToLargestRemainders() {
            // 100 * 2/7 = 28 r4, 100 * 3/7 = 42 r6, 100 * 2/7 = 28 r4: 98 handed out, 2 left over.
            // The first goes to the largest remainder (part 2), the second breaks the r4 tie towards part 1.
            assertThat(minorUnits(eur(100).allocate(2, 3, 2))).containsExactly(29L, 43L, 28L);
        }

        @Test
        void equalSplitGivesTheOddCentToTheEarliestPart() {
            // 100 / 3 = 33 r1 each; one cent left, all remainders tie.
            assertThat(minorUnits(eur(100).allocate(1, 1, 1))).containsExactly(34L, 33L, 33L);
            // 5 cents over six parts: the last part gets nothing.
            assertThat(minorUnits(eur(5).allocate(1, 1, 1, 1, 1, 1))).containsExactly(1L, 1L, 1L, 1L, 1L, 0L);
        }

        @Test
        void percentageSplitHandsOutEveryCent() {
            // 1001 * 70/100 = 700.7, 1001 * 30/100 = 300.3: the 0.7 remainder wins the cent.
            assertThat(minorUnits(eur(1001).allocate(70, 30))).containsExactly(701L, 300L);
            // 1 cent split 1:99 goes to the larger share.
            assertThat(minorUnits(eur(1).allocate(1, 99))).containsExactly(0L, 1L);
        }

        @Test
        void zeroRatioGetsNothing() {
            assertThat(minorUnits(eur(101).allocate(1, 0, 1))).containsExactly(51L, 0L, 50L);
            assertThat(minorUnits(eur(100).allocate(0, 0, 3))).containsExactly(0L, 0L, 100L);
        }

        @Test
        void negativeAmountsAllocateSymmetrically() {
            assertThat(minorUnits(eur(-100).allocate(1, 1, 1))).containsExactly(-34L, -33L, -33L);
            assertThat(minorUnits(eur(-100).allocate(2, 3, 2))).containsExactly(-29L, -43L, -28L);
            assertThat(minorUnits(eur(-1001).allocate(70, 30))).containsExactly(-701L, -300L);
        }

        @Test
        void zeroAllocatesToZeros() {
            assertThat(minorUnits(eur(0).allocate(1, 2, 3))).containsExactly(0L, 0L, 0L);
        }

        @Test
        void partsKeepTheCurrency() {
            assertThat(Money.ofMinor(1000, "JPY").allocate(1, 1))
                    .containsExactly(Money.ofMinor(500, "JPY"), Money.ofMinor(500, "JPY"));
        }

        @Test
        void hugeRatiosDoNotOverflow() {
            // amount * ratio exceeds a long; the split must still be exact.
            assertThat(minorUnits(eur(Long.MAX_VALUE).allocate(Long.MAX_VALUE, Long.MAX_VALUE)))
                    .containsExactly(Long.MAX_VALUE / 2 + 1, Long.MAX_VALUE / 2);
        }

        @Test
        void allocatesTheMostNegativeAmountWithoutFlippingSign() {
            // Long.MIN_VALUE is a valid amount; its parts must still be negative and add up to it.
            assertThat(minorUnits(eur(Long.MIN_VALUE).allocate(1, 1)))
                    .containsExactly(Long.MIN_VALUE / 2, Long.MIN_VALUE / 2);
        }

        @Test
        void refusesMissingNegativeOrAllZeroRatios() {
            assertThatThrownBy(() -> eur(100).allocate())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("At least one ratio");
            assertThatThrownBy(() -> eur(100).allocate(1, -1, 2))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("-1");
            assertThatThrownBy(() -> eur(100).allocate(0, 0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("all be zero");
        }
    }

    @Nested
    class Rounding {

        @ParameterizedTest(name = "{0} cents x {1} = {2} cents")
        @CsvSource({
            // exact product -> HALF_EVEN result
            "25, 0.1, 2",      // 2.5 -> 2
            "35, 0.1, 4",      // 3.5 -> 4
            "-25, 0.1, -2",    // -2.5 -> -2
            "-35, 0.1, -4",    // -3.5 -> -4
            "100, 0.125, 12",  // 12.5 -> 12
            "100, 0.135, 14",  // 13.5 -> 14
            "26, 0.1, 3",      // 2.6 -> 3
            "24, 0.1, 2",      // 2.4 -> 2
            "1999, 0.15, 300", // 299.85 -> 300
            "1, 0.5, 0",       // 0.5 -> 0
            "3, 0.5, 2",       // 1.5 -> 2
        })
        void roundsHalfEvenOnce(long cents, String factor, long expectedCents) {
            assertThat(eur(cents).times(new BigDecimal(factor))).isEqualTo(eur(expectedCents));
        }

        @Test
        void roundsTheExactProductNotAnIntermediate() {
            // 10 * 0.14999 = 1.4999 -> 1; rounding in two steps (1.4999 -> 1.5 -> 2) would give 2.
            assertThat(eur(10).times(new BigDecimal("0.14999"))).isEqualTo(eur(1));
            // 149 * 0.01 = 1.49 -> 1
            assertThat(eur(149).times(new BigDecimal("0.01"))).isEqualTo(eur(1));
        }

        @Test
        void timesOneAndZero() {
            assertThat(eur(1234).times(BigDecimal.ONE)).isEqualTo(eur(1234));
            assertThat(eur(1234).times(new BigDecimal("1.0000"))).isEqualTo(eur(1234));
            assertThat(eur(1234).times(BigDecimal.ZERO)).isEqualTo(eur(0));
        }

        @Test
        void timesFailsRatherThanOverflows() {
            assertThatThrownBy(() -> eur(Long.MAX_VALUE).times(new BigDecimal("2")))
                    .isInstanceOf(ArithmeticException.class);
        }

        @Test
        void theLedgerRoundingRuleIsHalfEven() {
            assertThat(Money.ROUNDING).isEqualTo(RoundingMode.HALF_EVEN);
        }
    }

    @Nested
    class MajorUnits {

        @Test
        void readsMajorUnitsIntoMinorUnits() {
            assertThat(Money.ofMajor(new BigDecimal("12.34"), "EUR")).isEqualTo(eur(1234));
            assertThat(Money.ofMajor(new BigDecimal("-0.01"), "EUR")).isEqualTo(eur(-1));
            assertThat(Money.ofMajor(new BigDecimal("7"), "EUR")).isEqualTo(eur(700));
            assertThat(Money.ofMajor(new BigDecimal("1.234"), "BHD")).isEqualTo(Money.ofMinor(1234, "BHD"));
        }

        @Test
        void acceptsTrailingZerosBeyondTheCurrencyScale() {
            // 12.3400 is still a whole number of cents: nothing is rounded away.
            assertThat(Money.ofMajor(new BigDecimal("12.3400"), "EUR")).isEqualTo(eur(1234));
        }

        @Test
        void refusesMoreDecimalsThanTheCurrencyHas() {
            assertThatThrownBy(() -> Money.ofMajor(new BigDecimal("12.345"), "EUR"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("12.345 EUR");
            assertThatThrownBy(() -> Money.ofMajor(new BigDecimal("0.001"), "USD"))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> Money.ofMajor(new BigDecimal("1.2345"), "BHD"))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void refusesMajorAmountsBeyondTheMinorRange() {
            BigDecimal tooLarge = BigDecimal.valueOf(Long.MAX_VALUE).movePointLeft(2).add(new BigDecimal("0.01"));
            assertThatThrownBy(() -> Money.ofMajor(tooLarge, "EUR")).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void printsMajorUnitsWithTheCurrencyScale() {
            // equals on BigDecimal also compares the scale: 12.34, not 12.340
            assertThat(eur(1234).toMajor()).isEqualTo(new BigDecimal("12.34"));
            assertThat(eur(700).toMajor()).isEqualTo(new BigDecimal("7.00"));
            assertThat(eur(5).toString()).isEqualTo("0.05 EUR");
            assertThat(eur(-1050).toString()).isEqualTo("-10.50 EUR");
            assertThat(Money.ofMinor(1234, "BHD").toString()).isEqualTo("1.234 BHD");
        }

        @Test
        void jpyHasNoMinorUnits() {
            Money yen = Money.ofMajor(new BigDecimal("1500"), "JPY");
            assertThat(yen.amountMinor()).isEqualTo(1500);
            assertThat(yen.toMajor()).isEqualTo(new BigDecimal("1500"));
            assertThat(yen.toString()).isEqualTo("1500 JPY");
            assertThatThrownBy(() -> Money.ofMajor(new BigDecimal("1500.5"), "JPY"))
                    .isInstanceOf(IllegalArgumentException.class);
            // 3 yen * 0.5 = 1.5 -> 2; 5 yen * 0.5 = 2.5 -> 2
            assertThat(Money.ofMinor(3, "JPY").times(new BigDecimal("0.5"))).isEqualTo(Money.ofMinor(2, "JPY"));
            assertThat(Money.ofMinor(5, "JPY").times(new BigDecimal("0.5"))).isEqualTo(Money.ofMinor(2, "JPY"));
        }
    }

    @Nested
    class Currencies {

        @ParameterizedTest
        @ValueSource(strings = {"ABC", "EURO", "eur", "", "E1"})
        void rejectsUnknownCurrencyCode(String code) {
            assertThatThrownBy(() -> Money.ofMinor(100, code))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Unknown ISO-4217 currency code");
            assertThatThrownBy(() -> Money.ofMajor(BigDecimal.ONE, code))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void rejectsMissingCurrency() {
            assertThatThrownBy(() -> Money.ofMinor(100, null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> new Money(100, null)).isInstanceOf(NullPointerException.class);
        }

        @Test
        void rejectsCurrenciesWithoutMinorUnit() {
            // gold (XAU) and "no currency" (XXX) are ISO codes without a minor unit
            assertThatThrownBy(() -> Money.ofMinor(1, "XAU")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> Money.ofMinor(1, "XXX")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new Money(1, Currency.getInstance("XAU")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("no minor unit");
        }

        @Test
        void neverAddsDifferentCurrencies() {
            Money usd = Money.ofMinor(100, "USD");
            assertThatThrownBy(() -> eur(100).plus(usd))
                    .isInstanceOf(CurrencyMismatchException.class)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Cannot combine EUR with USD");
            assertThatThrownBy(() -> eur(100).minus(usd))
                    .isInstanceOf(CurrencyMismatchException.class)
                    .hasMessage("Cannot combine EUR with USD");
            assertThatThrownBy(() -> usd.compareTo(eur(100)))
                    .isInstanceOf(CurrencyMismatchException.class)
                    .hasMessage("Cannot combine USD with EUR");
            // zero is no exception: zero EUR and zero USD are still different currencies
            assertThatThrownBy(() -> Money.zero(EUR).plus(Money.ofMinor(0, "USD")))
                    .isInstanceOf(CurrencyMismatchException.class);
        }

        @Test
        void sameAmountInAnotherCurrencyIsNotEqual() {
            assertThat(eur(100)).isNotEqualTo(Money.ofMinor(100, "USD"));
            assertThat(eur(100)).isEqualTo(new Money(100, EUR)).hasSameHashCodeAs(new Money(100, EUR));
        }
    }

    @Nested
    class Arithmetic {

        @Test
        void addsAndSubtractsMinorUnits() {
            assertThat(eur(1050).plus(eur(275))).isEqualTo(eur(1325));
            assertThat(eur(1050).minus(eur(2000))).isEqualTo(eur(-950));
            assertThat(eur(-5).plus(eur(5))).isEqualTo(Money.zero(EUR));
        }

        @Test
        void failsRatherThanOverflows() {
            assertThatThrownBy(() -> eur(Long.MAX_VALUE).plus(eur(1))).isInstanceOf(ArithmeticException.class);
            assertThatThrownBy(() -> eur(Long.MIN_VALUE).minus(eur(1))).isInstanceOf(ArithmeticException.class);
            assertThatThrownBy(() -> eur(Long.MIN_VALUE).negate()).isInstanceOf(ArithmeticException.class);
        }

        @Test
        void negateFlipsTheSign() {
            assertThat(eur(250).negate()).isEqualTo(eur(-250));
            assertThat(eur(-250).negate()).isEqualTo(eur(250));
            assertThat(eur(0).negate()).isEqualTo(eur(0));
        }

        @Test
        void signumTellsTheSign() {
            assertThat(eur(-250).signum()).isEqualTo(-1);
            assertThat(eur(0).signum()).isZero();
            assertThat(eur(1).signum()).isEqualTo(1);
            assertThat(Money.ofMinor(Long.MIN_VALUE, "EUR").signum()).isEqualTo(-1);
        }

        @Test
        void ordersByAmountWithinOneCurrency() {
            assertThat(List.of(eur(5), eur(-3), eur(0)).stream().sorted().toList())
                    .containsExactly(eur(-3), eur(0), eur(5));
            assertThat(eur(-3)).isLessThan(eur(0)).isLessThan(eur(5));
            assertThat(eur(5).compareTo(eur(5))).isZero();
        }
    }

    @Nested
    class Json {

        private final ObjectMapper mapper = new ObjectMapper();

        @Test
        void jsonRoundTripKeepsAmountAndCurrency() throws Exception {
            Money money = Money.ofMinor(-1234, "JPY");

            String json = mapper.writeValueAsString(money);

            assertThat(mapper.readValue(json, Money.class)).isEqualTo(money);
        }

        @Test
        void jsonCarriesOnlyMinorUnitsAndTheIsoCode() throws Exception {
            JsonNode json = mapper.readTree(mapper.writeValueAsString(eur(1234)));

            // derived state (sign predicates, major units) is not part of the stored shape
            assertThat(json.fieldNames()).toIterable().containsExactlyInAnyOrder("amountMinor", "currency");
            assertThat(json.get("amountMinor").isIntegralNumber()).isTrue();
            assertThat(json.get("amountMinor").longValue()).isEqualTo(1234);
            assertThat(json.get("currency").asText()).isEqualTo("EUR");
        }

        @Test
        void readsMoneyFromItsDocumentedShape() throws Exception {
            assertThat(mapper.readValue("{\"amountMinor\":1234,\"currency\":\"EUR\"}", Money.class))
                    .isEqualTo(eur(1234));
        }

        @Test
        void refusesUnknownCurrencyInJson() {
            assertThatThrownBy(() -> mapper.readValue("{\"amountMinor\":1,\"currency\":\"ABC\"}", Money.class))
                    .isInstanceOf(JsonMappingException.class);
        }
    }
}
