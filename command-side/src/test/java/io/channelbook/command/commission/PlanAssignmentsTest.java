package io.channelbook.command.commission;

import io.channelbook.api.commission.CommissionPlanAssignedEvent;
import io.channelbook.api.commission.CommissionPlanAssignments;
import io.channelbook.api.commission.PlanScope;
import io.channelbook.api.commission.ScopeKind;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The most specific assignment wins: the partner's own plan, else its tier's, else the program's. */
class PlanAssignmentsTest {

    private static final String ID = CommissionPlanAssignments.ID;

    @Test
    void mostSpecificAssignmentWins() {
        PlanAssignments assignments = new PlanAssignments();
        assignments.on(new CommissionPlanAssignedEvent(ID, PlanScope.PROGRAM, "standard", null));
        assignments.on(new CommissionPlanAssignedEvent(ID, new PlanScope(ScopeKind.TIER, "GOLD"), "gold", null));
        assignments.on(new CommissionPlanAssignedEvent(ID, new PlanScope(ScopeKind.PARTNER, "p-1"), "special", null));

        assertThat(assignments.planFor("p-1", "GOLD")).isEqualTo(Optional.of("special"));
        assertThat(assignments.planFor("p-2", "GOLD")).isEqualTo(Optional.of("gold"));
        assertThat(assignments.planFor("p-2", "SILVER")).isEqualTo(Optional.of("standard"));
        assertThat(assignments.planFor("p-3", null)).isEqualTo(Optional.of("standard"));
    }

    @Test
    void aNewAssignmentReplacesTheScopesPlan() {
        PlanAssignments assignments = new PlanAssignments();
        assignments.on(new CommissionPlanAssignedEvent(ID, new PlanScope(ScopeKind.TIER, "GOLD"), "gold", null));
        assignments.on(new CommissionPlanAssignedEvent(ID, new PlanScope(ScopeKind.TIER, "GOLD"), "gold-2", "gold"));

        assertThat(assignments.planFor("p-1", "GOLD")).isEqualTo(Optional.of("gold-2"));
        assertThat(assignments.planFor("p-1", null)).isEmpty();
    }
}
