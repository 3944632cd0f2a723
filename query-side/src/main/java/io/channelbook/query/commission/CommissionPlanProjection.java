package io.channelbook.query.commission;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.channelbook.api.commission.CommissionPlanAssignedEvent;
import io.channelbook.api.commission.CommissionPlanCreatedEvent;
import io.channelbook.api.commission.CommissionPlanDraftUpdatedEvent;
import io.channelbook.api.commission.CommissionPlanPublishedEvent;
import io.channelbook.api.commission.CommissionPlanTerms;
import io.channelbook.api.commission.CommissionPlanView;
import io.channelbook.api.commission.FindCommissionPlanQuery;
import io.channelbook.api.commission.FindCommissionPlansQuery;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

/**
 * The commission plans read model: per plan its draft, its published versions (publishedAt = the publication event's
 * time) and the scopes it is currently assigned to. An assignment that moves a scope from plan A to plan B takes it
 * off A. Each plan document guards each of its two streams (the plan's, the assignments') by sequence number.
 */
@Component
@ProcessingGroup(CommissionPlanProjection.PROCESSING_GROUP)
class CommissionPlanProjection {

    static final String PROCESSING_GROUP = "commission-plans";

    /** Terms as JSON text: a plain mapper, independent of the web edge's settings, so stored text stays readable. */
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private final ReactiveMongoTemplate mongo;

    CommissionPlanProjection(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @EventHandler
    void on(CommissionPlanCreatedEvent event, @SequenceNumber long sequence) {
        changePlan(event.planId(), sequence, plan -> plan.created(event.name(), write(event.draft()), sequence));
    }

    @EventHandler
    void on(CommissionPlanDraftUpdatedEvent event, @SequenceNumber long sequence) {
        changePlan(event.planId(), sequence, plan -> plan.withDraft(event.draftVersion(), write(event.draft()), sequence));
    }

    @EventHandler
    void on(CommissionPlanPublishedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        changePlan(event.planId(), sequence, plan -> plan.published(new CommissionPlanDocument.Version(
                event.version(), event.effectiveFrom(), at, write(event.terms())), sequence));
    }

    @EventHandler
    void on(CommissionPlanAssignedEvent event, @SequenceNumber long sequence) {
        if (event.previousPlanId() != null && !event.previousPlanId().equals(event.planId())) {
            changeAssignments(event.previousPlanId(), sequence, plan -> plan.unassigned(event.scope(), sequence));
        }
        if (event.planId() != null) {
            changeAssignments(event.planId(), sequence, plan -> plan.assigned(event.scope(), sequence));
        }
    }

    /** {@code null} for an unknown plan. */
    @QueryHandler
    CompletableFuture<CommissionPlanView> handle(FindCommissionPlanQuery query) {
        return mongo.findById(query.planId(), CommissionPlanDocument.class)
                .filter(CommissionPlanDocument::created)
                .map(plan -> plan.toView(CommissionPlanProjection::read))
                .toFuture();
    }

    /** All plans by name (case-insensitive, then id); ask with {@code ResponseTypes.multipleInstancesOf(CommissionPlanView.class)}. */
    @QueryHandler
    CompletableFuture<List<CommissionPlanView>> handle(FindCommissionPlansQuery query) {
        Query all = Query.query(Criteria.where(CommissionPlanDocument.CREATED).is(true))
                .with(Sort.by(CommissionPlanDocument.SORT_NAME, "_id"));
        return mongo.find(all, CommissionPlanDocument.class)
                .map(plan -> plan.toView(CommissionPlanProjection::read))
                .collectList()
                .toFuture();
    }

    @ResetHandler
    void reset() {
        mongo.dropCollection(CommissionPlanDocument.class).block();
    }

    private void changePlan(String planId, long sequence, UnaryOperator<CommissionPlanDocument> change) {
        CommissionPlanDocument current = find(planId);
        if (current.planSequence() >= sequence) {
            return;
        }
        mongo.save(change.apply(current)).block();
    }

    private void changeAssignments(String planId, long sequence, UnaryOperator<CommissionPlanDocument> change) {
        CommissionPlanDocument current = find(planId);
        if (current.assignmentSequence() >= sequence) {
            return;
        }
        mongo.save(change.apply(current)).block();
    }

    private CommissionPlanDocument find(String planId) {
        CommissionPlanDocument found = mongo.findById(planId, CommissionPlanDocument.class).block();
        return found == null ? CommissionPlanDocument.unknown(planId) : found;
    }

    static String write(CommissionPlanTerms terms) {
        if (terms == null) {
            return null;
        }
        try {
            return JSON.writeValueAsString(terms);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Commission plan terms cannot be written as JSON", e);
        }
    }

    static CommissionPlanTerms read(String terms) {
        if (terms == null) {
            return null;
        }
        try {
            return JSON.readValue(terms, CommissionPlanTerms.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored commission plan terms cannot be read", e);
        }
    }
}
