package io.channelbook.api.deal;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A channel manager grants or denies the pending extension request; a grant may give a different number of days
 * than asked ({@code null}: as asked).
 */
public record DecideProtectionExtensionCommand(@TargetAggregateIdentifier String registrationId, boolean granted,
                                               Integer days, String reason) {
}
