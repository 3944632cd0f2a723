package io.channelbook.command.commission;

import io.channelbook.api.commission.AssignCommissionPlanCommand;
import io.channelbook.api.commission.CommissionPlanAssignments;
import io.channelbook.api.commission.PlanScope;
import io.channelbook.api.commission.ScopeKind;
import io.channelbook.command.DomainRuleViolation;
import io.channelbook.command.commission.engine.CommissionEngine;
import io.channelbook.command.commission.engine.PlanVersion;
import io.channelbook.command.partner.PartnerDirectory;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Assigns plans and tells the ledger which plan version applies to a deal: the partner's plan (partner, else tier,
 * else program assignment), at the version in force on the deal's close date. Both read the aggregates themselves,
 * inside the caller's unit of work, so an accrual always sees the assignments and versions as they stand.
 */
@Component
public class PlanCatalog {

    private final Repository<PlanAssignments> assignments;
    private final Repository<CommissionPlan> plans;
    private final PartnerDirectory partners;

    PlanCatalog(Repository<PlanAssignments> assignments, Repository<CommissionPlan> plans, PartnerDirectory partners) {
        this.assignments = assignments;
        this.plans = plans;
        this.partners = partners;
    }

    @CommandHandler
    void handle(AssignCommissionPlanCommand command) throws Exception {
        PlanScope scope = normalized(command.scope());
        if (scope.kind() == ScopeKind.PARTNER) {
            partners.requireExists(scope.key());
        }
        if (command.planId() == null || !plan(command.planId()).invoke(CommissionPlan::hasPublishedVersion)) {
            throw DomainRuleViolation.ruleViolated("plan_not_published",
                    "Plan " + command.planId() + " has no published version yet: publish one before assigning it");
        }
        assignments.loadOrCreate(CommissionPlanAssignments.ID, PlanAssignments::new)
                .execute(all -> all.assign(CommissionPlanAssignments.ID, scope, command.planId()));
    }

    /** The plan version that applies to a partner's deal closed on {@code closeDate}, if any. */
    public Optional<PlanVersion> versionFor(String partnerId, String tier, LocalDate closeDate) {
        Optional<String> planId;
        try {
            planId = assignments.load(CommissionPlanAssignments.ID).invoke(all -> all.planFor(partnerId, tier));
        } catch (AggregateNotFoundException e) {
            return Optional.empty();
        }
        return planId.flatMap(id -> {
            List<PlanVersion> versions = plan(id).invoke(CommissionPlan::versions);
            return CommissionEngine.versionFor(versions, closeDate);
        });
    }

    private Aggregate<CommissionPlan> plan(String planId) {
        try {
            return plans.load(planId);
        } catch (AggregateNotFoundException e) {
            throw DomainRuleViolation.notFound("plan_not_found", "Commission plan " + planId + " does not exist");
        }
    }

    private static PlanScope normalized(PlanScope scope) {
        if (scope == null || scope.kind() == null) {
            throw DomainRuleViolation.invalid("scope_required", "An assignment scope (PROGRAM, TIER or PARTNER) is required");
        }
        if (scope.kind() == ScopeKind.PROGRAM) {
            return PlanScope.PROGRAM;
        }
        if (scope.key() == null || scope.key().isBlank()) {
            throw DomainRuleViolation.invalid("scope_key_required", "A " + scope.kind() + " assignment names its "
                    + (scope.kind() == ScopeKind.TIER ? "tier" : "partner id"));
        }
        String key = scope.key().strip();
        return new PlanScope(scope.kind(), scope.kind() == ScopeKind.TIER ? key.toUpperCase(Locale.ROOT) : key);
    }
}
