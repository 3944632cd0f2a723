package io.channelbook.api.deal;

import io.channelbook.api.commission.ScopeKind;

/** The protection window of a scope changed from {@code previousDays} to {@code days} (null: not set). */
public record ProtectionWindowSetEvent(String windowsId, ScopeKind kind, String key, Integer days,
                                       Integer previousDays, String reason) {
}
