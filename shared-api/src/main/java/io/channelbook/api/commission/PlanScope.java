package io.channelbook.api.commission;

/** An assignment target: the program ({@code key} null), a tier name, or a partner id. */
public record PlanScope(ScopeKind kind, String key) {

    public static final PlanScope PROGRAM = new PlanScope(ScopeKind.PROGRAM, null);
}
