package io.channelbook.query.report;

import io.channelbook.api.deal.CustomerContact;
import io.channelbook.api.deal.DealClosedWonEvent;
import io.channelbook.api.deal.DealRegistrationApprovedEvent;
import io.channelbook.api.deal.DealRegistrationSubmittedEvent;
import io.channelbook.api.deal.DealTouch;
import io.channelbook.api.deal.LineItem;
import io.channelbook.api.deal.CloseSource;
import io.channelbook.api.deal.TouchType;
import io.channelbook.api.money.Money;
import io.channelbook.api.partner.PartnerRegisteredEvent;
import io.channelbook.api.partner.PrimaryContact;
import io.channelbook.api.partner.ProgramType;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.messaging.MetaData;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Appends events to a real event store, one aggregate sequence per id, and keeps the list as the test's own record. */
final class ReportEvents {

    record Recorded(Object payload, Instant at) {
    }

    private final EmbeddedEventStore store;
    private final Map<String, Long> sequences = new HashMap<>();
    final List<Recorded> recorded = new ArrayList<>();
    Instant clock;

    ReportEvents(EmbeddedEventStore store, Instant start) {
        this.store = store;
        this.clock = start;
    }

    static Money eur(long minor) {
        return Money.ofMinor(minor, "EUR");
    }

    static Money usd(long minor) {
        return Money.ofMinor(minor, "USD");
    }

    static DealTouch sourced(String partnerId) {
        return new DealTouch("sourced", partnerId, TouchType.SOURCED, null, true);
    }

    static DealTouch touch(String touchId, String partnerId, TouchType type) {
        return new DealTouch(touchId, partnerId, type, null, true);
    }

    void append(String aggregateId, Object payload) {
        clock = clock.plusSeconds(60);
        long sequence = sequences.merge(aggregateId, 1L, Long::sum) - 1;
        List<EventMessage<?>> events = List.of(new GenericDomainEventMessage<>("Aggregate", aggregateId, sequence,
                payload, MetaData.with("actorId", "system:test"), UUID.randomUUID().toString(), clock));
        store.publish(events);
        recorded.add(new Recorded(payload, clock));
    }

    void partner(String partnerId, String name) {
        append(partnerId, new PartnerRegisteredEvent(partnerId, name, "DE", partnerId + ".example",
                ProgramType.RESELLER, new PrimaryContact("Ana", "ana@" + partnerId + ".example")));
    }

    void registered(String dealId, String partnerId, Money estimated, String... products) {
        append(dealId, new DealRegistrationSubmittedEvent(dealId, partnerId, "Customer " + dealId, dealId + ".example",
                "DE", new CustomerContact("Eva", "eva@" + dealId + ".example"), List.of(products), estimated,
                LocalDate.parse("2026-06-30"), null, null));
    }

    void approved(String dealId, String partnerId) {
        append(dealId, new DealRegistrationApprovedEvent(dealId, partnerId, dealId + ".example",
                clock.plusSeconds(86_400 * 90), 14));
    }

    void won(String dealId, String partnerId, Money amount, LocalDate closeDate, List<LineItem> lines,
             List<DealTouch> touches) {
        append(dealId, new DealClosedWonEvent(dealId, partnerId, dealId + ".example", amount, closeDate, lines,
                CloseSource.MANUAL, touches));
    }
}
