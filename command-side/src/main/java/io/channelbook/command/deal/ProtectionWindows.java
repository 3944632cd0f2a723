package io.channelbook.command.deal;

import io.channelbook.api.commission.ScopeKind;
import io.channelbook.api.deal.ProtectionWindowSetEvent;
import io.channelbook.api.deal.SetProtectionWindowCommand;
import io.channelbook.command.DomainRuleViolation;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.CreationPolicy;
import io.channelbook.command.infrastructure.AggregateCaches;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The program's protection windows per scope (program, tier, partner), in one aggregate: few settings, changed
 * rarely, read at every approval.
 */
@Aggregate(cache = AggregateCaches.PROTECTION_WINDOWS)
class ProtectionWindows {

    static final int MAX_DAYS = 3650;

    @AggregateIdentifier
    private String windowsId;
    private final Map<String, Integer> days = new HashMap<>();

    ProtectionWindows() {
        // for Axon's event sourcing
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(SetProtectionWindowCommand command) {
        if (!SetProtectionWindowCommand.WINDOWS_ID.equals(command.windowsId())) {
            throw DomainRuleViolation.invalid("windows_id_invalid",
                    "Protection windows live in " + SetProtectionWindowCommand.WINDOWS_ID);
        }
        if (command.kind() == null) {
            throw DomainRuleViolation.invalid("scope_required", "A scope (PROGRAM, TIER or PARTNER) is required");
        }
        if (command.kind() != ScopeKind.PROGRAM && (command.key() == null || command.key().isBlank())) {
            throw DomainRuleViolation.invalid("scope_key_required", "A " + command.kind() + " window names its "
                    + (command.kind() == ScopeKind.TIER ? "tier" : "partner id"));
        }
        if (command.days() != null && (command.days() < 1 || command.days() > MAX_DAYS)) {
            throw DomainRuleViolation.invalid("protection_days_invalid",
                    "Protection runs 1 to " + MAX_DAYS + " days, got " + command.days());
        }
        if (command.reason() == null || command.reason().isBlank()) {
            throw DomainRuleViolation.invalid("reason_required", "A reason is required");
        }
        String key = key(command.kind(), command.key());
        Integer previous = days.get(command.kind() + "|" + key);
        if (!Objects.equals(previous, command.days())) {
            apply(new ProtectionWindowSetEvent(command.windowsId(), command.kind(), key, command.days(), previous,
                    command.reason().strip()));
        }
    }

    /** The most specific window for a partner in a tier (tier may be null). */
    Optional<Integer> windowFor(String partnerId, String tier) {
        return Optional.ofNullable(days.get(ScopeKind.PARTNER + "|" + partnerId))
                .or(() -> Optional.ofNullable(tier == null ? null : days.get(ScopeKind.TIER + "|" + tier)))
                .or(() -> Optional.ofNullable(days.get(ScopeKind.PROGRAM + "|")));
    }

    private static String key(ScopeKind kind, String key) {
        return switch (kind) {
            case PROGRAM -> "";
            case TIER -> key.strip().toUpperCase(Locale.ROOT);
            case PARTNER -> key.strip();
        };
    }

    @EventSourcingHandler
    void on(ProtectionWindowSetEvent event) {
        windowsId = event.windowsId();
        String scope = event.kind() + "|" + (event.key() == null ? "" : event.key());
        if (event.days() == null) {
            days.remove(scope);
        } else {
            days.put(scope, event.days());
        }
    }
}
