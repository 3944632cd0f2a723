package io.channelbook.ui.web.ledger;

import io.channelbook.api.money.Money;
import io.channelbook.ui.web.problem.ApiProblem;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LedgerRequestsTest {

    @Test
    void adjustmentsMaySubtractButMustMoveMoney() {
        assertThat(adjustment("-12.50", "EUR").money()).isEqualTo(Money.ofMinor(-1250, "EUR"));
        assertThat(adjustment("3", "JPY").money()).isEqualTo(Money.ofMinor(3, "JPY"));
        assertProblem(() -> adjustment("0.00", "EUR").money(), "amount_zero");
        assertProblem(() -> adjustment("1.005", "EUR").money(), "invalid_amount");
        assertProblem(() -> adjustment("1", "XYZ").money(), "invalid_amount");
    }

    @Test
    void payoutsArePositive() {
        assertThat(payout("100.00").money()).isEqualTo(Money.ofMinor(10000, "EUR"));
        assertProblem(() -> payout("0").money(), "amount_not_positive");
        assertProblem(() -> payout("-1").money(), "amount_not_positive");
    }

    private static LedgerRequests.Adjustment adjustment(String amount, String currency) {
        return new LedgerRequests.Adjustment("adj-1", new LedgerRequests.Amount(new BigDecimal(amount), currency), "correction");
    }

    private static LedgerRequests.Payout payout(String amount) {
        return new LedgerRequests.Payout("pay-1", new LedgerRequests.Amount(new BigDecimal(amount), "EUR"), "SEPA-1",
                LocalDate.of(2026, 11, 30));
    }

    private static void assertProblem(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ApiProblem.class, problem -> {
            assertThat(problem.getStatusCode().value()).isEqualTo(400);
            assertThat(problem.getBody().getProperties()).containsEntry("code", code);
        });
    }
}
