package io.channelbook.api.deal;

import io.channelbook.api.commission.ScopeKind;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Sets how many days an approval protects a deal, for the program, a tier or a partner ({@code key}: null, the tier
 * name or the partner id); {@code days} null removes the setting. The most specific setting wins (partner, tier,
 * program), then the configured default; a manager may still choose a window for one approval.
 */
public record SetProtectionWindowCommand(@TargetAggregateIdentifier String windowsId, ScopeKind kind, String key,
                                         Integer days, String reason) {

    /** The id of the one aggregate that keeps every protection window setting. */
    public static final String WINDOWS_ID = "deal-protection-windows";
}
