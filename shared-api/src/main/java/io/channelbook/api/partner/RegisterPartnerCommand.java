package io.channelbook.api.partner;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Registers a partner company in the program. The id is chosen by the caller, so a retry is recognisable. */
public record RegisterPartnerCommand(
        @TargetAggregateIdentifier String partnerId,
        String legalName,
        String country,
        String websiteDomain,
        ProgramType programType,
        PrimaryContact primaryContact) {
}
