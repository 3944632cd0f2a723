package io.channelbook.api.commission;

/** The command side keeps all plan assignments in one aggregate, so "one plan per scope" holds strongly. */
public final class CommissionPlanAssignments {

    /** The id of that aggregate. */
    public static final String ID = "commission-plan-assignments";

    private CommissionPlanAssignments() {
    }
}
