package io.channelbook.command.commission;

import io.channelbook.api.commission.CommissionPlanAssignedEvent;
import io.channelbook.api.commission.PlanScope;
import io.channelbook.api.commission.ScopeKind;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import io.channelbook.command.infrastructure.AggregateCaches;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * Every plan assignment of the program, in one aggregate so that one scope has exactly one plan. The most specific
 * assignment wins: the partner's own, else its tier's, else the program's.
 */
@Aggregate(cache = AggregateCaches.PLAN_ASSIGNMENTS)
class PlanAssignments {

    @AggregateIdentifier
    private String assignmentsId;
    private final Map<PlanScope, String> plans = new HashMap<>();

    PlanAssignments() {
        // for Axon's event sourcing, and for the first assignment (Repository.loadOrCreate)
    }

    /** Assigns (the scope is already normalized and the plan known to be published); the same again changes nothing. */
    void assign(String id, PlanScope scope, String planId) {
        String previous = plans.get(scope);
        if (!Objects.equals(previous, planId)) {
            apply(new CommissionPlanAssignedEvent(id, scope, planId, previous));
        }
    }

    /** The plan for a partner in a tier (tier may be null). */
    Optional<String> planFor(String partnerId, String tier) {
        return Optional.ofNullable(plans.get(new PlanScope(ScopeKind.PARTNER, partnerId)))
                .or(() -> Optional.ofNullable(tier == null ? null : plans.get(new PlanScope(ScopeKind.TIER, tier))))
                .or(() -> Optional.ofNullable(plans.get(PlanScope.PROGRAM)));
    }

    @EventSourcingHandler
    void on(CommissionPlanAssignedEvent event) {
        assignmentsId = event.assignmentsId();
        plans.put(event.scope(), event.planId());
    }
}
