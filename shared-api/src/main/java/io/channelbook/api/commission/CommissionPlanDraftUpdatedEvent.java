package io.channelbook.api.commission;

/** The plan's draft terms were replaced; the draft becomes version {@code draftVersion} when published. */
public record CommissionPlanDraftUpdatedEvent(String planId, int draftVersion, CommissionPlanTerms draft) {
}
