package io.channelbook.command.commission;

import io.channelbook.api.commission.CommissionPlanCreatedEvent;
import io.channelbook.api.commission.CommissionPlanDraftUpdatedEvent;
import io.channelbook.api.commission.CommissionPlanPublishedEvent;
import io.channelbook.api.commission.CommissionPlanTerms;
import io.channelbook.api.commission.CreateCommissionPlanCommand;
import io.channelbook.api.commission.PublishCommissionPlanCommand;
import io.channelbook.api.commission.UpdateCommissionPlanDraftCommand;
import io.channelbook.command.DomainRuleViolation;
import io.channelbook.command.commission.engine.CommissionEngine;
import io.channelbook.command.commission.engine.PlanVersion;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import io.channelbook.command.infrastructure.AggregateCaches;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A commission plan and its versions. A draft is edited freely; publishing turns it into the next immutable version,
 * in force for deals closed on or after its effective date. Versions never overlap: each new one starts strictly
 * after the previous one, and not in the past (a past accrual never meets a version published after it).
 */
@Aggregate(cache = AggregateCaches.PLANS)
class CommissionPlan {

    @AggregateIdentifier
    private String planId;
    private CommissionPlanTerms draft;
    private final List<PlanVersion> versions = new ArrayList<>();

    CommissionPlan() {
        // for Axon's event sourcing
    }

    @CommandHandler
    CommissionPlan(CreateCommissionPlanCommand command) {
        if (command.planId() == null || command.planId().isBlank()) {
            throw DomainRuleViolation.invalid("plan_id_required", "A plan id is required");
        }
        if (command.name() == null || command.name().isBlank() || command.name().strip().length() > 200) {
            throw DomainRuleViolation.invalid("plan_name_invalid", "A plan name of 1 to 200 characters is required");
        }
        requireValid(command.draft());
        apply(new CommissionPlanCreatedEvent(command.planId(), command.name().strip(), command.draft()));
    }

    @CommandHandler
    void handle(UpdateCommissionPlanDraftCommand command) {
        requireValid(command.draft());
        apply(new CommissionPlanDraftUpdatedEvent(planId, versions.size() + 1, command.draft()));
    }

    /** Answers with the new version's number. */
    @CommandHandler
    int handle(PublishCommissionPlanCommand command, Clock clock) {
        if (draft == null) {
            throw DomainRuleViolation.conflict("plan_no_draft",
                    "Plan " + planId + " has no draft: version " + versions.size() + " is already published");
        }
        LocalDate effectiveFrom = command.effectiveFrom();
        if (effectiveFrom == null) {
            throw DomainRuleViolation.invalid("effective_from_required", "A version needs its effective-from date");
        }
        LocalDate today = LocalDate.now(clock);
        if (effectiveFrom.isBefore(today)) {
            throw DomainRuleViolation.invalid("effective_from_in_past", "A version cannot start in the past ("
                    + effectiveFrom + " is before " + today + "): accruals already made must keep their version");
        }
        if (!versions.isEmpty() && !effectiveFrom.isAfter(latest().effectiveFrom())) {
            throw DomainRuleViolation.conflict("effective_dates_overlap", "Version " + (versions.size() + 1)
                    + " must start after version " + versions.size() + " (effective " + latest().effectiveFrom()
                    + "), got " + effectiveFrom);
        }
        int version = versions.size() + 1;
        apply(new CommissionPlanPublishedEvent(planId, version, effectiveFrom, draft));
        return version;
    }

    /** The published versions, oldest first. */
    List<PlanVersion> versions() {
        return List.copyOf(versions);
    }

    boolean hasPublishedVersion() {
        return !versions.isEmpty();
    }

    private PlanVersion latest() {
        return versions.get(versions.size() - 1);
    }

    private static void requireValid(CommissionPlanTerms terms) {
        if (terms == null) {
            throw DomainRuleViolation.invalid("plan_terms_required", "A plan draft needs its terms");
        }
        List<String> problems = CommissionEngine.problems(terms);
        if (!problems.isEmpty()) {
            throw DomainRuleViolation.invalid("plan_terms_invalid", String.join("; ", problems));
        }
    }

    @EventSourcingHandler
    void on(CommissionPlanCreatedEvent event) {
        planId = event.planId();
        draft = event.draft();
    }

    @EventSourcingHandler
    void on(CommissionPlanDraftUpdatedEvent event) {
        draft = event.draft();
    }

    @EventSourcingHandler
    void on(CommissionPlanPublishedEvent event) {
        versions.add(new PlanVersion(event.planId(), event.version(), event.effectiveFrom(), event.terms()));
        draft = null;
    }
}
