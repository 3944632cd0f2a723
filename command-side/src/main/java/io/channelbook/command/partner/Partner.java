package io.channelbook.command.partner;

import io.channelbook.api.partner.ActivatePartnerCommand;
import io.channelbook.api.partner.ChangePartnerTierCommand;
import io.channelbook.api.partner.PartnerActivatedEvent;
import io.channelbook.api.partner.PartnerRegisteredEvent;
import io.channelbook.api.partner.PartnerStatus;
import io.channelbook.api.partner.PartnerSuspendedEvent;
import io.channelbook.api.partner.PartnerTierChangedEvent;
import io.channelbook.api.partner.RegisterPartnerCommand;
import io.channelbook.api.partner.SuspendPartnerCommand;
import io.channelbook.command.DomainRuleViolation;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import io.channelbook.command.infrastructure.AggregateCaches;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.Locale;
import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A partner company in the channel program and the states it may sell in. */
@Aggregate(cache = AggregateCaches.PARTNERS)
class Partner {

    @AggregateIdentifier
    private String partnerId;
    private PartnerStatus status;
    private String tier;

    Partner() {
        // for Axon's event sourcing
    }

    @CommandHandler
    Partner(RegisterPartnerCommand command) {
        PartnerRegistrationPolicy.check(command);
        apply(new PartnerRegisteredEvent(
                command.partnerId(),
                command.legalName().strip(),
                command.country(),
                command.websiteDomain(),
                command.programType(),
                command.primaryContact()));
    }

    @CommandHandler
    void handle(ActivatePartnerCommand command) {
        requireReason(command.reason());
        if (status == PartnerStatus.ACTIVE) {
            throw DomainRuleViolation.conflict("partner_already_active", "Partner " + partnerId + " is already active");
        }
        apply(new PartnerActivatedEvent(partnerId, command.reason().strip()));
    }

    @CommandHandler
    void handle(SuspendPartnerCommand command) {
        requireReason(command.reason());
        if (status == PartnerStatus.SUSPENDED) {
            throw DomainRuleViolation.conflict("partner_already_suspended", "Partner " + partnerId + " is already suspended");
        }
        apply(new PartnerSuspendedEvent(partnerId, command.reason().strip()));
    }

    /** Tier names are trimmed and upper-cased (GOLD, SILVER); the same tier again changes nothing. */
    @CommandHandler
    void handle(ChangePartnerTierCommand command) {
        requireReason(command.reason());
        String newTier = command.tier() == null || command.tier().isBlank() ? null
                : command.tier().strip().toUpperCase(Locale.ROOT);
        if (newTier != null && !newTier.matches("[A-Z0-9_-]{1,40}")) {
            throw DomainRuleViolation.invalid("tier_invalid",
                    "A tier name is 1 to 40 letters, digits, '-' or '_', got '" + command.tier() + "'");
        }
        if (!Objects.equals(newTier, tier)) {
            apply(new PartnerTierChangedEvent(partnerId, newTier, tier, command.reason().strip()));
        }
    }

    /** The partner's tier, for the commission engine (null: no tier). */
    String tier() {
        return tier;
    }

    @EventSourcingHandler
    void on(PartnerTierChangedEvent event) {
        tier = event.tier();
    }

    @EventSourcingHandler
    void on(PartnerRegisteredEvent event) {
        partnerId = event.partnerId();
        status = PartnerStatus.ONBOARDING;
    }

    @EventSourcingHandler
    void on(PartnerActivatedEvent event) {
        status = PartnerStatus.ACTIVE;
    }

    @EventSourcingHandler
    void on(PartnerSuspendedEvent event) {
        status = PartnerStatus.SUSPENDED;
    }

    private static void requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw DomainRuleViolation.invalid("reason_required", "A reason is required for a partner status change");
        }
    }
}
