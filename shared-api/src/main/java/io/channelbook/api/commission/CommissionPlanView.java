package io.channelbook.api.commission;

import java.util.List;

/** A plan: its draft (null when the last draft was published), its versions and where it is assigned. */
public record CommissionPlanView(String planId, String name, Integer draftVersion, CommissionPlanTerms draft, List<PlanVersionView> versions, List<PlanScope> assignedTo) {
}
