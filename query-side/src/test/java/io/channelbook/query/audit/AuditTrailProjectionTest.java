package io.channelbook.query.audit;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.channelbook.api.audit.AuditEntry;
import io.channelbook.api.audit.AuditTrail;
import io.channelbook.api.audit.FindAuditTrailQuery;
import io.channelbook.api.common.MetadataKeys;
import io.channelbook.api.partner.PartnerActivatedEvent;
import io.channelbook.api.partner.PartnerRegisteredEvent;
import io.channelbook.api.partner.PartnerSuspendedEvent;
import io.channelbook.api.partner.PrimaryContact;
import io.channelbook.api.partner.ProgramType;
import io.channelbook.query.infrastructure.ProcessorBatch;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The audit trail read model on a real Mongo wire-protocol server (in memory). */
class AuditTrailProjectionTest {

    private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");
    private static final Instant T1 = Instant.parse("2026-01-06T10:00:00Z");
    private static final Instant T2 = Instant.parse("2026-01-07T10:00:00Z");

    private MongoServer server;
    private MongoClient client;
    private ReactiveMongoTemplate mongo;
    private AuditTrailProjection projection;

    @BeforeEach
    void setUp() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
        mongo = new ReactiveMongoTemplate(client, "test");
        projection = new AuditTrailProjection(mongo);
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void everyEventIsListedInOrderWithWhoAndThroughWhichRequest() {
        DomainEventMessage<?> registered = event("p-1", 0, registration("p-1"), T0,
                actor("u-admin", "PROGRAM_ADMIN", null, "req-1", "batch-7", "cmd-1"));
        DomainEventMessage<?> activated = event("p-1", 1, new PartnerActivatedEvent("p-1", "signed"), T1,
                actor("u-cm", "CHANNEL_MANAGER", null, "req-2", "req-2", "cmd-2"));
        projection.on(registered);
        projection.on(activated);
        projection.on(event("p-2", 0, registration("p-2"), T2, actor("u-admin", "PROGRAM_ADMIN", null, "req-3", "req-3", "cmd-3")));

        AuditTrail trail = trail("p-1");

        assertThat(trail.aggregateId()).isEqualTo("p-1");
        assertThat(trail.entries()).containsExactly(
                new AuditEntry(registered.getIdentifier(), "Partner", "p-1", 0, "PartnerRegisteredEvent", T0,
                        "u-admin", "PROGRAM_ADMIN", null, "req-1", "batch-7", "cmd-1", "10.0.0.7"),
                new AuditEntry(activated.getIdentifier(), "Partner", "p-1", 1, "PartnerActivatedEvent", T1,
                        "u-cm", "CHANNEL_MANAGER", null, "req-2", "req-2", "cmd-2", "10.0.0.7"));
    }

    @Test
    void partnerUsersAreRecordedWithTheirPartner() {
        projection.on(event("p-1", 0, registration("p-1"), T0, actor("u-9", "PARTNER_ADMIN", "p-1", "req-1", "req-1", "cmd-1")));

        assertThat(trail("p-1").entries()).singleElement()
                .satisfies(entry -> assertThat(entry.actorPartnerId()).isEqualTo("p-1"));
    }

    @Test
    void eventsWithoutWhoWhyMetadataAreStillListed() {
        projection.on(event("p-1", 0, registration("p-1"), T0, Map.of()));

        AuditEntry entry = trail("p-1").entries().get(0);
        assertThat(entry.eventType()).isEqualTo("PartnerRegisteredEvent");
        assertThat(entry.actorId()).isNull();
        assertThat(entry.requestId()).isNull();
    }

    @Test
    void unknownAggregateHasAnEmptyTrail() {
        assertThat(trail("nobody")).isEqualTo(new AuditTrail("nobody", List.of()));
    }

    @Test
    void redeliveredEventsAddNothing() {
        List<DomainEventMessage<?>> events = List.of(
                event("p-1", 0, registration("p-1"), T0, actor("u-1", "PROGRAM_ADMIN", null, "req-1", "req-1", "cmd-1")),
                event("p-1", 1, new PartnerActivatedEvent("p-1", "signed"), T1, actor("u-1", "PROGRAM_ADMIN", null, "req-2", "req-2", "cmd-2")),
                event("p-1", 2, new PartnerSuspendedEvent("p-1", "unpaid"), T2, actor("u-1", "PROGRAM_ADMIN", null, "req-3", "req-3", "cmd-3")));
        events.forEach(projection::on);
        AuditTrail first = trail("p-1");

        // at-least-once delivery: the same events arrive again, in their order
        events.forEach(projection::on);

        assertThat(trail("p-1")).isEqualTo(first);
        assertThat(first.entries()).extracting(AuditEntry::sequenceNumber).containsExactly(0L, 1L, 2L);
    }

    @Test
    void longHistoriesSpanSeveralBucketsAndStayInOrder() {
        List<DomainEventMessage<?>> events = new ArrayList<>();
        events.add(event("p-1", 0, registration("p-1"), T0, actor("u-1", "PROGRAM_ADMIN", null, "req-0", "req-0", "cmd-0")));
        LongStream.range(1, 250).forEach(sequence -> events.add(event("p-1", sequence,
                sequence % 2 == 1 ? new PartnerActivatedEvent("p-1", "ok") : new PartnerSuspendedEvent("p-1", "hold"),
                T0.plusSeconds(sequence), actor("u-1", "PROGRAM_ADMIN", null, "req-" + sequence, "req-" + sequence, "cmd-" + sequence))));
        events.forEach(projection::on);
        events.subList(95, 205).forEach(projection::on);

        List<AuditEntry> entries = trail("p-1").entries();

        assertThat(entries).extracting(AuditEntry::sequenceNumber)
                .containsExactlyElementsOf(LongStream.range(0, 250).boxed().toList());
        assertThat(entries.get(249).requestId()).isEqualTo("req-249");
        assertThat(mongo.findById("p-1#0", Document.class, AuditBucketDocument.COLLECTION).block()
                .getList("entries", Document.class)).hasSize(100);
        assertThat(mongo.findById("p-1#2", Document.class, AuditBucketDocument.COLLECTION).block()
                .getList("entries", Document.class)).hasSize(50);
    }

    @Test
    void aProcessorsBatchSpanningBucketsAndAggregatesIsWrittenAtItsEndAndEqualsEventByEvent() {
        List<DomainEventMessage<?>> events = new ArrayList<>();
        for (String partner : List.of("p-1", "p-2")) {
            events.add(event(partner, 0, registration(partner), T0, actor("u-1", "PROGRAM_ADMIN", null, "req-0", "req-0", "cmd-0")));
            LongStream.range(1, 130).forEach(sequence -> events.add(event(partner, sequence,
                    new PartnerActivatedEvent(partner, "ok"), T0.plusSeconds(sequence),
                    actor("u-1", "PROGRAM_ADMIN", null, "req-" + sequence, "req-" + sequence, "cmd-" + sequence))));
        }
        events.forEach(projection::on);
        AuditTrail p1 = trail("p-1");
        AuditTrail p2 = trail("p-2");
        projection.reset();

        // the first 150 events in one batch, the rest (with 50 of the first batch again: a retry) in another
        List<Long> writtenBeforeTheEnd = new ArrayList<>();
        inOneBatch(events.subList(0, 150), writtenBeforeTheEnd);
        inOneBatch(events.subList(100, events.size()), writtenBeforeTheEnd);

        assertThat(writtenBeforeTheEnd).hasSize(150 + 160 - 2).allMatch(written -> written == 0L);
        assertThat(trail("p-1")).isEqualTo(p1);
        assertThat(trail("p-2")).isEqualTo(p2);
    }

    /** Delivers the events as a streaming processor does, in one batching unit of work. */
    private void inOneBatch(List<DomainEventMessage<?>> events, List<Long> writtenBeforeTheEnd) {
        long before = totalEntries();
        ProcessorBatch.handle(events, projection::on, () -> writtenBeforeTheEnd.add(totalEntries() - before));
    }

    private long totalEntries() {
        return mongo.findAll(Document.class, AuditBucketDocument.COLLECTION)
                .map(bucket -> (long) bucket.getList("entries", Document.class).size())
                .reduce(0L, Long::sum).block();
    }

    @Test
    void thePayloadIsNeverStored() {
        projection.on(event("p-1", 0, registration("p-1"), T0, actor("u-1", "PROGRAM_ADMIN", null, "req-1", "req-1", "cmd-1")));

        Document stored = mongo.findById("p-1#0", Document.class, AuditBucketDocument.COLLECTION).block();

        assertThat(stored.toJson()).doesNotContain("Acme", "ana@acme.de", "acme.de");
    }

    @Test
    void resetEmptiesTheTrail() {
        projection.on(event("p-1", 0, registration("p-1"), T0, actor("u-1", "PROGRAM_ADMIN", null, "req-1", "req-1", "cmd-1")));

        projection.reset();

        assertThat(trail("p-1").entries()).isEmpty();
    }

    private AuditTrail trail(String aggregateId) {
        return projection.handle(new FindAuditTrailQuery(aggregateId)).join();
    }

    private static PartnerRegisteredEvent registration(String partnerId) {
        return new PartnerRegisteredEvent(partnerId, "Acme GmbH", "DE", "acme.de", ProgramType.RESELLER,
                new PrimaryContact("Ana", "ana@acme.de"));
    }

    private static Map<String, Object> actor(String actorId, String role, String partnerId, String requestId,
                                             String correlationId, String causationId) {
        MetaData metaData = MetaData.with(MetadataKeys.ACTOR_ID, actorId)
                .and(MetadataKeys.ACTOR_ROLE, role)
                .and(MetadataKeys.REQUEST_ID, requestId)
                .and(MetadataKeys.CORRELATION_ID, correlationId)
                .and(MetadataKeys.CAUSATION_ID, causationId)
                .and(MetadataKeys.CLIENT_ADDRESS, "10.0.0.7");
        return partnerId == null ? metaData : metaData.and(MetadataKeys.ACTOR_PARTNER_ID, partnerId);
    }

    private static DomainEventMessage<?> event(String aggregateId, long sequence, Object payload, Instant at,
                                               Map<String, ?> metaData) {
        return new GenericDomainEventMessage<>("Partner", aggregateId, sequence, payload, metaData,
                UUID.randomUUID().toString(), at);
    }
}
