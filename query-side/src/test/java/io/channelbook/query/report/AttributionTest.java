package io.channelbook.query.report;

import io.channelbook.api.deal.DealTouch;
import io.channelbook.api.deal.TouchType;
import io.channelbook.api.money.Money;
import io.channelbook.api.report.AttributionModel;
import io.channelbook.api.report.TouchWeights;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The models on worked examples, written out to the cent. */
class AttributionTest {

    private static final DealTouch A = new DealTouch("sourced", "A", TouchType.SOURCED, null, true);
    private static final DealTouch B = new DealTouch("t-1", "B", TouchType.INFLUENCED, null, true);
    private static final DealTouch C = new DealTouch("t-2", "C", TouchType.DELIVERED, null, true);
    private static final List<DealTouch> ABC = List.of(A, B, C);

    private static Money eur(long minor) {
        return Money.ofMinor(minor, "EUR");
    }

    private static List<Money> split(long netMinor, List<DealTouch> touches, AttributionModel model) {
        return Attribution.split(eur(netMinor), touches, model, TouchWeights.DEFAULT);
    }

    @Test
    void sourcedOnlyGivesEverythingToTheRegistrant() {
        // 1,000.00 won, 100.00 refunded: 900.00 net
        assertThat(split(90_000, ABC, AttributionModel.SOURCED_ONLY)).containsExactly(eur(90_000), eur(0), eur(0));
    }

    @Test
    void evenSplitsEquallyAndHandsTheLeftoverCentToTheFirstTouch() {
        assertThat(split(90_000, ABC, AttributionModel.EVEN)).containsExactly(eur(30_000), eur(30_000), eur(30_000));
        // 100.00 / 3 = 33.333...: 33.34 + 33.33 + 33.33, no cent lost
        assertThat(split(10_000, ABC, AttributionModel.EVEN)).containsExactly(eur(3_334), eur(3_333), eur(3_333));
    }

    @Test
    void weightedUsesTheTouchTypesWeights() {
        // 900.00 at 60/30/10: 540.00, 270.00, 90.00
        assertThat(split(90_000, ABC, AttributionModel.WEIGHTED)).containsExactly(eur(54_000), eur(27_000), eur(9_000));
        // 0.07 at 60/30/10: 4.2, 2.1 and 0.7 cents -> 4, 2, 0 and the one cent left over to the largest
        // remainder, C's 0.7
        assertThat(split(7, ABC, AttributionModel.WEIGHTED)).containsExactly(eur(4), eur(2), eur(1));
        // custom weights 50/50/0 on A and C: C gets nothing
        assertThat(Attribution.split(eur(1_001), List.of(A, C), AttributionModel.WEIGHTED, new TouchWeights(50, 50, 0)))
                .containsExactly(eur(1_001), eur(0));
    }

    @Test
    void weightedWithEveryTouchWeighingNothingKeepsTheRevenueWithTheRegistrant() {
        assertThat(Attribution.split(eur(500), List.of(A, C), AttributionModel.WEIGHTED, new TouchWeights(0, 0, 0)))
                .containsExactly(eur(500), eur(0));
    }

    @Test
    void firstTouchIsTheRegistrantAndLastTouchTheLastLoggedAcceptedTouch() {
        assertThat(split(90_000, ABC, AttributionModel.FIRST_TOUCH)).containsExactly(eur(90_000), eur(0), eur(0));
        assertThat(split(90_000, ABC, AttributionModel.LAST_TOUCH)).containsExactly(eur(0), eur(0), eur(90_000));
        assertThat(split(90_000, List.of(A), AttributionModel.LAST_TOUCH)).containsExactly(eur(90_000));
    }

    @Test
    void aRefundShrinksEveryShareInProportionToTheCent() {
        List<Money> before = split(100_000, ABC, AttributionModel.WEIGHTED);
        List<Money> after = split(100_000 - 33_333, ABC, AttributionModel.WEIGHTED);
        assertThat(before).containsExactly(eur(60_000), eur(30_000), eur(10_000));
        // 666.67 net: 400.002, 200.001, 66.667 -> 400.00, 200.00, 66.67
        assertThat(after).containsExactly(eur(40_000), eur(20_000), eur(6_667));
        assertThat(after.stream().mapToLong(Money::amountMinor).sum()).isEqualTo(66_667);
    }
}
