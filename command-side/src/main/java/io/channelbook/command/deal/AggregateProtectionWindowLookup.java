package io.channelbook.command.deal;

import io.channelbook.api.deal.SetProtectionWindowCommand;
import io.channelbook.command.partner.PartnerDirectory;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** Answers from the protection-window and partner aggregates, inside the approval's unit of work. */
@Component
class AggregateProtectionWindowLookup implements ProtectionWindowLookup {

    private final Repository<ProtectionWindows> windows;
    private final PartnerDirectory partners;
    private final EventStore eventStore;

    AggregateProtectionWindowLookup(Repository<ProtectionWindows> windows, PartnerDirectory partners,
                                    EventStore eventStore) {
        this.windows = windows;
        this.partners = partners;
        this.eventStore = eventStore;
    }

    @Override
    public Optional<Integer> windowFor(String partnerId) {
        if (eventStore.lastSequenceNumberFor(SetProtectionWindowCommand.WINDOWS_ID).isEmpty()) {
            return Optional.empty();
        }
        String tier = partners.tierOf(partnerId);
        return windows.load(SetProtectionWindowCommand.WINDOWS_ID).invoke(all -> all.windowFor(partnerId, tier));
    }
}
