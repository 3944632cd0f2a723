package io.channelbook.api.ledger;

import io.channelbook.api.commission.RuleKind;
import io.channelbook.api.deal.TouchType;
import io.channelbook.api.money.Money;

import java.math.BigDecimal;

/**
 * Why an accrual has its amount: the plan version and rule, the base it applied to, the rate or bounty, the
 * multiplier, a cap that cut it, the share of the deal, and the rounding. {@code text} says the same in words.
 *
 * @param uncapped     the amount before a cap cut it (null when no cap applied)
 * @param shareType    the touch this partner's share is for (null when the partner got the whole commission)
 * @param shareWeight  the partner's weight among the deal's touches, with {@code shareTotal} the sum of weights
 */
public record AccrualExplanation(String planId, int planVersion, String ruleId, RuleKind ruleKind, Money base,
                                 BigDecimal rate, Money bounty, BigDecimal multiplier, Money uncapped, String capRule,
                                 TouchType shareType, Integer shareWeight, Integer shareTotal, String rounding,
                                 String text) {
}
