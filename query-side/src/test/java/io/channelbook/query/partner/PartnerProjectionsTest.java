package io.channelbook.query.partner;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.channelbook.api.partner.FindPartnerQuery;
import io.channelbook.api.partner.FindPartnersQuery;
import io.channelbook.api.partner.PartnerActivatedEvent;
import io.channelbook.api.partner.PartnerPage;
import io.channelbook.api.partner.PartnerRegisteredEvent;
import io.channelbook.api.partner.PartnerStatus;
import io.channelbook.api.partner.PartnerSummary;
import io.channelbook.api.partner.PartnerSuspendedEvent;
import io.channelbook.api.partner.PartnerTierChangedEvent;
import io.channelbook.api.partner.PartnerView;
import io.channelbook.api.partner.PrimaryContact;
import io.channelbook.api.partner.ProgramType;
import io.channelbook.query.infrastructure.ProcessorBatch;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.GenericSubscriptionQueryMessage;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.axonframework.queryhandling.SubscriptionQueryMessage;
import org.axonframework.queryhandling.SubscriptionQueryUpdateMessage;
import org.axonframework.queryhandling.UpdateHandlerRegistration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The partner read models on a real Mongo wire-protocol server (in memory). */
class PartnerProjectionsTest {

    private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");
    private static final Instant T1 = Instant.parse("2026-01-06T10:00:00Z");
    private static final Instant T2 = Instant.parse("2026-01-07T10:00:00Z");

    private MongoServer server;
    private MongoClient client;
    private ReactiveMongoTemplate mongo;
    private SimpleQueryUpdateEmitter emitter;
    private PartnerDetailProjection detail;
    private PartnerListProjection list;

    @BeforeEach
    void setUp() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
        mongo = new ReactiveMongoTemplate(client, "test");
        emitter = SimpleQueryUpdateEmitter.builder().build();
        detail = new PartnerDetailProjection(mongo);
        list = new PartnerListProjection(mongo, emitter);
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void registeredPartnerIsReadableAsDetailAndListLine() {
        register("p-1", "Acme GmbH", T0);

        PartnerView view = detail.handle(new FindPartnerQuery("p-1")).join();
        assertThat(view).isEqualTo(new PartnerView("p-1", "Acme GmbH", "DE", "acme.de", ProgramType.RESELLER,
                new PrimaryContact("Ana", "ana@acme.de"), PartnerStatus.ONBOARDING, null, T0, T0, 1, null));
        assertThat(list.handle(new FindPartnersQuery(null, 0, 10)).join().items())
                .containsExactly(new PartnerSummary("p-1", "Acme GmbH", "DE", ProgramType.RESELLER, PartnerStatus.ONBOARDING, T0, null));
    }

    @Test
    void unknownPartnerHasNoDetail() {
        assertThat(detail.handle(new FindPartnerQuery("nobody")).join()).isNull();
    }

    @Test
    void statusChangesKeepTheirReasonAndTime() {
        register("p-1", "Acme GmbH", T0);
        activate("p-1", "signed", T1, 1);
        suspend("p-1", "unpaid invoices", T2, 2);

        PartnerView view = detail.handle(new FindPartnerQuery("p-1")).join();
        assertThat(view.status()).isEqualTo(PartnerStatus.SUSPENDED);
        assertThat(view.statusReason()).isEqualTo("unpaid invoices");
        assertThat(view.registeredAt()).isEqualTo(T0);
        assertThat(view.updatedAt()).isEqualTo(T2);
        assertThat(view.version()).isEqualTo(3);
        assertThat(list.handle(new FindPartnersQuery(null, 0, 10)).join().items().get(0).status())
                .isEqualTo(PartnerStatus.SUSPENDED);
    }

    @Test
    void redeliveredEventsChangeNothing() {
        register("p-1", "Acme GmbH", T0);
        activate("p-1", "signed", T1, 1);
        suspend("p-1", "unpaid invoices", T2, 2);
        // at-least-once delivery: the same events arrive again, in their order
        register("p-1", "Acme GmbH", T0);
        activate("p-1", "signed", T1, 1);
        suspend("p-1", "unpaid invoices", T2, 2);

        PartnerView view = detail.handle(new FindPartnerQuery("p-1")).join();
        assertThat(view.status()).isEqualTo(PartnerStatus.SUSPENDED);
        assertThat(view.version()).isEqualTo(3);
        PartnerPage page = list.handle(new FindPartnersQuery(null, 0, 10)).join();
        assertThat(page.total()).isEqualTo(1);
        assertThat(page.items().get(0).status()).isEqualTo(PartnerStatus.SUSPENDED);
    }

    @Test
    void listIsOrderedByLegalNameIgnoringCaseAndPaged() {
        register("p-1", "zeta Systems", T0);
        register("p-2", "Acme GmbH", T0);
        register("p-3", "beta Partners", T0);

        PartnerPage first = list.handle(new FindPartnersQuery(null, 0, 2)).join();
        PartnerPage second = list.handle(new FindPartnersQuery(null, 1, 2)).join();

        assertThat(first.items()).extracting(PartnerSummary::legalName).containsExactly("Acme GmbH", "beta Partners");
        assertThat(second.items()).extracting(PartnerSummary::legalName).containsExactly("zeta Systems");
        assertThat(first.total()).isEqualTo(3);
        assertThat(second.total()).isEqualTo(3);
    }

    @Test
    void listFiltersByStatus() {
        register("p-1", "Acme GmbH", T0);
        register("p-2", "Beta Ltd", T0);
        activate("p-2", "signed", T1, 1);

        PartnerPage active = list.handle(new FindPartnersQuery(PartnerStatus.ACTIVE, 0, 10)).join();

        assertThat(active.items()).extracting(PartnerSummary::partnerId).containsExactly("p-2");
        assertThat(active.total()).isEqualTo(1);
    }

    @Test
    void changesArePushedToMatchingSubscribersOnly() {
        UpdateHandlerRegistration<Object> all = subscribe(new FindPartnersQuery(null, 0, 1));
        UpdateHandlerRegistration<Object> activeOnly = subscribe(new FindPartnersQuery(PartnerStatus.ACTIVE, 0, 1));

        register("p-1", "Acme GmbH", T0);
        activate("p-1", "signed", T1, 1);
        register("p-1", "Acme GmbH", T0); // redelivered: no second update
        emitter.complete(FindPartnersQuery.class, query -> true);

        List<PartnerStatus> toAll = statuses(all);
        List<PartnerStatus> toActiveOnly = statuses(activeOnly);
        assertThat(toAll).containsExactly(PartnerStatus.ONBOARDING, PartnerStatus.ACTIVE);
        assertThat(toActiveOnly).containsExactly(PartnerStatus.ACTIVE);
    }

    @Test
    void aProcessorsBatchIsReadOnceWrittenAfterItsLastEventAndPushedThen() {
        UpdateHandlerRegistration<Object> all = subscribe(new FindPartnersQuery(null, 0, 10));
        register("p-0", "Zeta AG", T0);
        List<DomainEventMessage<?>> batch = List.of(
                partnerEvent("p-1", 0, new PartnerRegisteredEvent("p-1", "Acme GmbH", "DE", "acme.de",
                        ProgramType.RESELLER, new PrimaryContact("Ana", "ana@acme.de")), T0),
                partnerEvent("p-0", 1, new PartnerActivatedEvent("p-0", "signed"), T1),
                partnerEvent("p-1", 1, new PartnerActivatedEvent("p-1", "signed"), T1),
                partnerEvent("p-1", 2, new PartnerTierChangedEvent("p-1", "GOLD", null, "review"), T2));
        List<Long> listedBeforeTheLast = new ArrayList<>();

        ProcessorBatch.handle(batch, message -> {
            dispatch(message);
            listedBeforeTheLast.add(list.handle(new FindPartnersQuery(PartnerStatus.ACTIVE, 0, 10)).join().total());
        });
        emitter.complete(FindPartnersQuery.class, query -> true);

        // nothing was written until the batch's last event; then everything at once
        assertThat(listedBeforeTheLast).containsExactly(0L, 0L, 0L, 2L);
        assertThat(detail.handle(new FindPartnerQuery("p-1")).join())
                .extracting(PartnerView::status, PartnerView::tier, PartnerView::version)
                .containsExactly(PartnerStatus.ACTIVE, "GOLD", 3L);
        assertThat(detail.handle(new FindPartnerQuery("p-0")).join().status()).isEqualTo(PartnerStatus.ACTIVE);
        // p-0's registration before the batch, then the batch's four changes, in their order
        assertThat(statuses(all)).containsExactly(PartnerStatus.ONBOARDING, PartnerStatus.ONBOARDING,
                PartnerStatus.ACTIVE, PartnerStatus.ACTIVE, PartnerStatus.ACTIVE);

        // the same batch again (a processor's retry) changes nothing
        PartnerView before = detail.handle(new FindPartnerQuery("p-1")).join();
        ProcessorBatch.handle(batch, this::dispatch);
        assertThat(detail.handle(new FindPartnerQuery("p-1")).join()).isEqualTo(before);
        assertThat(list.handle(new FindPartnersQuery(null, 0, 10)).join().total()).isEqualTo(2);
    }

    @Test
    void tierChangesShowOnDetailAndListAndArePushed() {
        UpdateHandlerRegistration<Object> all = subscribe(new FindPartnersQuery(null, 0, 10));
        register("p-1", "Acme GmbH", T0);
        activate("p-1", "signed", T1, 1);
        changeTier("p-1", "GOLD", null, T1, 2);
        changeTier("p-1", "PLATINUM", "GOLD", T2, 3);
        changeTier("p-1", "GOLD", null, T1, 2); // redelivered: ignored, no update
        emitter.complete(FindPartnersQuery.class, query -> true);

        PartnerView view = detail.handle(new FindPartnerQuery("p-1")).join();
        assertThat(view.tier()).isEqualTo("PLATINUM");
        assertThat(view.status()).isEqualTo(PartnerStatus.ACTIVE);
        assertThat(view.updatedAt()).isEqualTo(T2);
        assertThat(view.version()).isEqualTo(4);
        assertThat(list.handle(new FindPartnersQuery(null, 0, 10)).join().items())
                .containsExactly(new PartnerSummary("p-1", "Acme GmbH", "DE", ProgramType.RESELLER,
                        PartnerStatus.ACTIVE, T2, "PLATINUM"));
        List<String> tiers = all.getUpdates().map(SubscriptionQueryUpdateMessage::getPayload)
                .cast(PartnerSummary.class).map(summary -> String.valueOf(summary.tier()))
                .collectList().block(Duration.ofSeconds(5));
        assertThat(tiers).containsExactly("null", "null", "GOLD", "PLATINUM");
    }

    @Test
    void tierCanBeRemovedAndSurvivesStatusChanges() {
        register("p-1", "Acme GmbH", T0);
        changeTier("p-1", "SILVER", null, T1, 1);
        suspend("p-1", "unpaid invoices", T1, 2);
        assertThat(detail.handle(new FindPartnerQuery("p-1")).join().tier()).isEqualTo("SILVER");
        assertThat(list.handle(new FindPartnersQuery(null, 0, 10)).join().items().get(0).tier()).isEqualTo("SILVER");

        changeTier("p-1", null, "SILVER", T2, 3);

        assertThat(detail.handle(new FindPartnerQuery("p-1")).join().tier()).isNull();
        assertThat(list.handle(new FindPartnersQuery(null, 0, 10)).join().items().get(0).tier()).isNull();
    }

    @Test
    void resetEmptiesBothReadModels() {
        register("p-1", "Acme GmbH", T0);

        detail.reset();
        list.reset();

        assertThat(detail.handle(new FindPartnerQuery("p-1")).join()).isNull();
        assertThat(list.handle(new FindPartnersQuery(null, 0, 10)).join().total()).isZero();
    }

    private UpdateHandlerRegistration<Object> subscribe(FindPartnersQuery query) {
        SubscriptionQueryMessage<FindPartnersQuery, PartnerPage, PartnerSummary> message =
                new GenericSubscriptionQueryMessage<>(query, ResponseTypes.instanceOf(PartnerPage.class),
                        ResponseTypes.instanceOf(PartnerSummary.class));
        return emitter.registerUpdateHandler(message, 100);
    }

    private static List<PartnerStatus> statuses(UpdateHandlerRegistration<Object> registration) {
        return registration.getUpdates()
                .map(SubscriptionQueryUpdateMessage::getPayload)
                .cast(PartnerSummary.class)
                .map(PartnerSummary::status)
                .collectList()
                .block(Duration.ofSeconds(5));
    }

    private static DomainEventMessage<?> partnerEvent(String partnerId, long sequence, Object payload, Instant at) {
        return new GenericDomainEventMessage<>("Partner", partnerId, sequence, new GenericMessage<>(payload), at);
    }

    /** What the processor does with each message: to both projections' handlers, with time and sequence. */
    private void dispatch(DomainEventMessage<?> message) {
        Instant at = message.getTimestamp();
        long sequence = message.getSequenceNumber();
        if (message.getPayload() instanceof PartnerRegisteredEvent event) {
            detail.on(event, at, sequence);
            list.on(event, at, sequence);
        } else if (message.getPayload() instanceof PartnerActivatedEvent event) {
            detail.on(event, at, sequence);
            list.on(event, at, sequence);
        } else if (message.getPayload() instanceof PartnerTierChangedEvent event) {
            detail.on(event, at, sequence);
            list.on(event, at, sequence);
        } else {
            throw new IllegalArgumentException("not a partner event of this test: " + message.getPayloadType());
        }
    }

    private void register(String id, String legalName, Instant at) {
        PartnerRegisteredEvent event = new PartnerRegisteredEvent(id, legalName, "DE", "acme.de", ProgramType.RESELLER,
                new PrimaryContact("Ana", "ana@acme.de"));
        detail.on(event, at, 0);
        list.on(event, at, 0);
    }

    private void activate(String id, String reason, Instant at, long sequence) {
        PartnerActivatedEvent event = new PartnerActivatedEvent(id, reason);
        detail.on(event, at, sequence);
        list.on(event, at, sequence);
    }

    private void changeTier(String id, String tier, String previousTier, Instant at, long sequence) {
        PartnerTierChangedEvent event = new PartnerTierChangedEvent(id, tier, previousTier, "quarterly review");
        detail.on(event, at, sequence);
        list.on(event, at, sequence);
    }

    private void suspend(String id, String reason, Instant at, long sequence) {
        PartnerSuspendedEvent event = new PartnerSuspendedEvent(id, reason);
        detail.on(event, at, sequence);
        list.on(event, at, sequence);
    }
}
