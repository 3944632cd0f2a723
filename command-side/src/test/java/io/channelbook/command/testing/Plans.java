package io.channelbook.command.testing;

import io.channelbook.api.commission.CommissionPlanTerms;
import io.channelbook.api.commission.CommissionRule;
import io.channelbook.api.commission.PeriodUnit;
import io.channelbook.api.commission.RuleKind;
import io.channelbook.api.commission.TouchShares;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** Small plan terms for command-side tests. */
public final class Plans {

    private Plans() {
    }

    /** One rule: {@code rate} of the deal amount. */
    public static CommissionPlanTerms percentOfDeal(String rate, int holdDays) {
        return terms(List.of(percentRule("r1", rate)), TouchShares.SOURCED_ONLY, holdDays);
    }

    public static CommissionRule percentRule(String ruleId, String rate) {
        return new CommissionRule(ruleId, RuleKind.PERCENT_OF_DEAL, "Percent of the deal", null, null,
                new BigDecimal(rate), null, null, null, null, null, null, null);
    }

    public static CommissionPlanTerms terms(List<CommissionRule> rules, TouchShares shares, int holdDays) {
        return new CommissionPlanTerms(rules, Map.of(), Map.of(), Map.of(), null, null, shares, holdDays,
                PeriodUnit.MONTH);
    }
}
