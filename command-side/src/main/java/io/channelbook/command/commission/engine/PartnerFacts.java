package io.channelbook.command.commission.engine;

import io.channelbook.api.money.Money;

import java.util.Map;

/**
 * What the engine knows about the registrant in the deal's counting period, all in the deal's currency.
 *
 * @param tier                  the partner's tier, or null
 * @param periodVolumeBefore    sourced revenue already counted in the period, before this deal
 * @param periodAccruedBefore   what the partner's sourced deals already accrued in the period, whole (its own share
 *                              and the shares it allocated to other partners), for the period cap
 * @param accruedByRuleBefore   per tiered-retroactive rule id: what it accrued in the period so far (for true-ups)
 * @param previousPeriodVolume  sourced revenue of the period before (for growth rebates)
 */
public record PartnerFacts(String partnerId, String tier, Money periodVolumeBefore, Money periodAccruedBefore,
                           Map<String, Money> accruedByRuleBefore, Money previousPeriodVolume) {
}
