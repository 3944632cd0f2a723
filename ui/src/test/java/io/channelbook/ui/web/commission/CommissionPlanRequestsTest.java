package io.channelbook.ui.web.commission;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.channelbook.api.commission.CommissionPlanTerms;
import io.channelbook.api.commission.CommissionRule;
import io.channelbook.api.commission.PeriodUnit;
import io.channelbook.api.commission.PlanScope;
import io.channelbook.api.commission.RuleKind;
import io.channelbook.api.commission.ScopeKind;
import io.channelbook.api.commission.TouchShares;
import io.channelbook.api.money.Money;
import io.channelbook.ui.web.problem.ApiProblem;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommissionPlanRequestsTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void jsonTermsMapToTheContractWithRatesAsDecimalsAndMoneyInMinorUnits() throws Exception {
        CommissionPlanRequests.Terms terms = json.readValue("""
                {"rules": [
                   {"ruleId": " pct ", "kind": "PERCENT_OF_DEAL", "rate": "0.10", "capPerDeal": {"amount": "5000.00", "currency": "EUR"}},
                   {"ruleId": "bounty", "kind": "FLAT_PER_DEAL", "bounty": {"amount": 250, "currency": "EUR"}},
                   {"ruleId": "bands", "kind": "TIERED_MARGINAL", "bands": [
                       {"from": {"amount": "0", "currency": "EUR"}, "rate": 0.05},
                       {"from": {"amount": "100000", "currency": "EUR"}, "rate": "0.075"}]},
                   {"ruleId": "lines", "kind": "FLAT_PER_PRODUCT", "productBounties": {"PLATFORM-PRO": {"amount": "99.99", "currency": "USD"}}}
                 ],
                 "tierMultipliers": {"GOLD": "1.2"},
                 "capPerPeriod": {"amount": "20000", "currency": "EUR"},
                 "holdDays": 30, "period": "QUARTER"}
                """, CommissionPlanRequests.Terms.class);

        CommissionPlanTerms mapped = terms.toTerms();

        CommissionRule percent = mapped.rules().get(0);
        assertThat(percent.ruleId()).isEqualTo("pct");
        assertThat(percent.kind()).isEqualTo(RuleKind.PERCENT_OF_DEAL);
        assertThat(percent.rate()).isEqualByComparingTo("0.10");
        assertThat(percent.capPerDeal()).isEqualTo(Money.ofMinor(500_000, "EUR"));
        assertThat(percent.bounty()).isNull();
        assertThat(mapped.rules().get(1).bounty()).isEqualTo(Money.ofMinor(25_000, "EUR"));
        assertThat(mapped.rules().get(2).bands()).extracting(band -> band.from().amountMinor(), band -> band.rate().toPlainString())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0L, "0.05"), org.assertj.core.groups.Tuple.tuple(10_000_000L, "0.075"));
        assertThat(mapped.rules().get(3).productBounties()).containsEntry("PLATFORM-PRO", Money.ofMinor(9_999, "USD"));
        assertThat(mapped.tierMultipliers()).containsEntry("GOLD", new BigDecimal("1.2"));
        assertThat(mapped.capPerPeriod()).isEqualTo(Money.ofMinor(2_000_000, "EUR"));
        assertThat(mapped.holdDays()).isEqualTo(30);
        assertThat(mapped.period()).isEqualTo(PeriodUnit.QUARTER);
        // absent: empty, not null; shares default to the sourcing partner
        assertThat(mapped.partnerMultipliers()).isEmpty();
        assertThat(mapped.productCategories()).isEmpty();
        assertThat(mapped.shares()).isEqualTo(TouchShares.SOURCED_ONLY);
        assertThat(percent.productRates()).isEmpty();
        assertThat(percent.bands()).isEmpty();
    }

    @Test
    void amountsMustBeWholeMinorUnitsOfAKnownCurrency() throws Exception {
        CommissionPlanRequests.Terms tooPrecise = json.readValue("""
                {"rules": [{"ruleId": "b", "kind": "FLAT_PER_DEAL", "bounty": {"amount": "1.001", "currency": "EUR"}}], "holdDays": 0}
                """, CommissionPlanRequests.Terms.class);
        assertThatThrownBy(tooPrecise::toTerms).isInstanceOfSatisfying(ApiProblem.class, problem -> {
            assertThat(problem.getBody().getProperties()).containsEntry("code", "invalid_amount");
            assertThat(problem.getBody().getDetail()).startsWith("rules[b].bounty");
        });
        CommissionPlanRequests.Terms unknownCurrency = json.readValue("""
                {"rules": [], "capPerDeal": {"amount": "1", "currency": "ABC"}, "holdDays": 0}
                """, CommissionPlanRequests.Terms.class);
        assertThatThrownBy(unknownCurrency::toTerms).isInstanceOf(ApiProblem.class);
    }

    @Test
    void scopesNeedAKeyExceptTheProgram() {
        assertThat(new CommissionPlanRequests.Scope(ScopeKind.PROGRAM, null).toScope()).isEqualTo(PlanScope.PROGRAM);
        assertThat(new CommissionPlanRequests.Scope(ScopeKind.PROGRAM, " ").toScope()).isEqualTo(PlanScope.PROGRAM);
        assertThat(new CommissionPlanRequests.Scope(ScopeKind.TIER, " gold ").toScope()).isEqualTo(new PlanScope(ScopeKind.TIER, "GOLD"));
        assertThat(new CommissionPlanRequests.Scope(ScopeKind.PARTNER, "p-1").toScope()).isEqualTo(new PlanScope(ScopeKind.PARTNER, "p-1"));
        for (CommissionPlanRequests.Scope bad : new CommissionPlanRequests.Scope[]{
                new CommissionPlanRequests.Scope(ScopeKind.PROGRAM, "x"),
                new CommissionPlanRequests.Scope(ScopeKind.TIER, null),
                new CommissionPlanRequests.Scope(ScopeKind.PARTNER, "")}) {
            assertThatThrownBy(bad::toScope).isInstanceOfSatisfying(ApiProblem.class, problem ->
                    assertThat(problem.getBody().getProperties()).containsEntry("code", "scope_invalid"));
        }
    }
}
