package io.channelbook.api.commission;

/** What a plan is assigned to. The most specific assignment wins: partner, then tier, then program. */
public enum ScopeKind {
    PROGRAM,
    TIER,
    PARTNER
}
