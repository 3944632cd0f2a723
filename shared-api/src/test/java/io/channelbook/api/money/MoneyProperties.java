package io.channelbook.api.money;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.LongRange;

/**
 * Invariants of {@link Money} over many inputs. Amounts stay within +-10^15 minor units (10^13 EUR) so sums,
 * differences and products with the rates below cannot overflow a long.
 */
class MoneyProperties {

    private static final long LIMIT = 1_000_000_000_000_000L;

    @Property
    boolean allocationPartsSumExactlyToTheAmount(@ForAll("amounts") Money money, @ForAll("ratios") long[] ratios) {
        BigInteger sum = money.allocate(ratios).stream()
                .map(part -> BigInteger.valueOf(part.amountMinor()))
                .reduce(BigInteger.ZERO, BigInteger::add);
        return sum.equals(BigInteger.valueOf(money.amountMinor()));
    }

    @Property
    void eachPartIsWithinOneMinorUnitOfItsExactShare(
            @ForAll("amounts") Money money, @ForAll("ratios") long[] ratios) {
        List<Money> parts = money.allocate(ratios);
        BigInteger total = sum(ratios);
        assertThat(parts).hasSize(ratios.length);
        for (int i = 0; i < ratios.length; i++) {
            // |part - amount * ratio / total| < 1, multiplied through by total to stay in integers
            BigInteger exactTimesTotal = BigInteger.valueOf(money.amountMinor()).multiply(BigInteger.valueOf(ratios[i]));
            BigInteger partTimesTotal = BigInteger.valueOf(parts.get(i).amountMinor()).multiply(total);
            assertThat(partTimesTotal.subtract(exactTimesTotal).abs()).isLessThan(total);
            assertThat(parts.get(i).currency()).isEqualTo(money.currency());
        }
    }

    @Property
    void partsNeverHaveTheOppositeSignOfTheAmount(@ForAll("amounts") Money money, @ForAll("ratios") long[] ratios) {
        for (Money part : money.allocate(ratios)) {
            assertThat(Long.signum(part.amountMinor())).isIn(0, Long.signum(money.amountMinor()));
        }
    }

    @Property
    boolean allocationIsDeterministic(@ForAll("amounts") Money money, @ForAll("ratios") long[] ratios) {
        return money.allocate(ratios).equals(money.allocate(ratios.clone()));
    }

    @Property
    boolean negativeAllocationMirrorsPositive(@ForAll("amounts") Money money, @ForAll("ratios") long[] ratios) {
        List<Money> mirrored = money.allocate(ratios).stream().map(Money::negate).toList();
        return money.negate().allocate(ratios).equals(mirrored);
    }

    @Property
    boolean splitThenSummedWithPlusIsTheOriginal(@ForAll("amounts") Money money, @ForAll("ratios") long[] ratios) {
        return money.allocate(ratios).stream().reduce(Money.zero(money.currency()), Money::plus).equals(money);
    }

    @Property
    boolean plusThenMinusIsTheOriginal(
            @ForAll("amounts") Money money, @ForAll @LongRange(min = -LIMIT, max = LIMIT) long other) {
        Money delta = new Money(other, money.currency());
        return money.plus(delta).minus(delta).equals(money) && money.minus(delta).plus(delta).equals(money);
    }

    @Property
    boolean plusIsCommutative(@ForAll("amounts") Money money, @ForAll @LongRange(min = -LIMIT, max = LIMIT) long other) {
        Money delta = new Money(other, money.currency());
        return money.plus(delta).equals(delta.plus(money));
    }

    @Property
    boolean timesOneIsIdentity(@ForAll("amounts") Money money) {
        return money.times(BigDecimal.ONE).equals(money) && money.times(new BigDecimal("1.000000")).equals(money);
    }

    @Property
    void timesRoundsOnceToTheNearestUnitHalfEven(@ForAll("amounts") Money money, @ForAll("rates") BigDecimal rate) {
        BigDecimal exact = BigDecimal.valueOf(money.amountMinor()).multiply(rate);
        Money product = money.times(rate);

        BigDecimal error = BigDecimal.valueOf(product.amountMinor()).subtract(exact).abs();
        assertThat(error).isLessThanOrEqualTo(new BigDecimal("0.5"));
        if (error.compareTo(new BigDecimal("0.5")) == 0) {
            assertThat(product.amountMinor() % 2).as("a tie rounds to the even unit").isZero();
        }
        assertThat(product.currency()).isEqualTo(money.currency());
    }

    @Property
    boolean negateTwiceIsIdentity(@ForAll("amounts") Money money) {
        return money.negate().negate().equals(money);
    }

    @Property
    boolean majorUnitsRoundTrip(@ForAll("amounts") Money money) {
        return Money.ofMajor(money.toMajor(), money.currency().getCurrencyCode()).equals(money);
    }

    @Provide
    Arbitrary<Money> amounts() {
        Arbitrary<Long> minor = Arbitraries.oneOf(
                Arbitraries.longs().between(-1_000, 1_000),
                Arbitraries.longs().between(-LIMIT, LIMIT));
        Arbitrary<String> code = Arbitraries.of("EUR", "USD", "GBP", "JPY", "BHD");
        return minor.flatMap(units -> code.map(c -> Money.ofMinor(units, c)));
    }

    /** Non-empty, non-negative, not all zero; small ratios for many ties, large ones for wide products. */
    @Provide
    Arbitrary<long[]> ratios() {
        Arbitrary<Long> ratio = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.longs().between(0, 10)),
                Tuple.of(1, Arbitraries.longs().between(0, Long.MAX_VALUE)));
        return ratio.list().ofMinSize(1).ofMaxSize(12)
                .filter(list -> list.stream().anyMatch(r -> r > 0))
                .map(list -> list.stream().mapToLong(Long::longValue).toArray());
    }

    /** Percentages, FX rates and multipliers up to 1000 with up to 8 decimals, both signs. */
    @Provide
    Arbitrary<BigDecimal> rates() {
        return Arbitraries.integers().between(0, 8)
                .flatMap(scale -> Arbitraries.bigDecimals().between(new BigDecimal("-1000"), new BigDecimal("1000"))
                        .ofScale(scale));
    }

    private static BigInteger sum(long[] ratios) {
        BigInteger total = BigInteger.ZERO;
        for (long ratio : ratios) {
            total = total.add(BigInteger.valueOf(ratio));
        }
        return total;
    }
}
