package io.channelbook.query.commission;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.channelbook.api.commission.CommissionPlanAssignedEvent;
import io.channelbook.api.commission.CommissionPlanAssignments;
import io.channelbook.api.commission.CommissionPlanCreatedEvent;
import io.channelbook.api.commission.CommissionPlanDraftUpdatedEvent;
import io.channelbook.api.commission.CommissionPlanPublishedEvent;
import io.channelbook.api.commission.CommissionPlanTerms;
import io.channelbook.api.commission.CommissionPlanView;
import io.channelbook.api.commission.CommissionRule;
import io.channelbook.api.commission.FindCommissionPlanQuery;
import io.channelbook.api.commission.FindCommissionPlansQuery;
import io.channelbook.api.commission.PeriodUnit;
import io.channelbook.api.commission.PlanScope;
import io.channelbook.api.commission.PlanVersionView;
import io.channelbook.api.commission.RateBand;
import io.channelbook.api.commission.RuleKind;
import io.channelbook.api.commission.ScopeKind;
import io.channelbook.api.commission.TouchShares;
import io.channelbook.api.money.Money;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.GenericQueryMessage;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.axonframework.queryhandling.annotation.AnnotationQueryHandlerAdapter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The commission plans read model on a real Mongo wire-protocol server (in memory), fed through Axon's adapter. */
class CommissionPlanProjectionTest {

    private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");
    private static final Instant T1 = Instant.parse("2026-01-06T10:00:00Z");
    private static final Instant T2 = Instant.parse("2026-02-01T09:30:00Z");

    private static final PlanScope GOLD = new PlanScope(ScopeKind.TIER, "GOLD");
    private static final PlanScope PARTNER_7 = new PlanScope(ScopeKind.PARTNER, "p-7");

    private MongoServer server;
    private MongoClient client;
    private ReactiveMongoTemplate mongo;
    private CommissionPlanProjection projection;
    private AnnotationEventHandlerAdapter adapter;
    private final Map<String, Long> sequences = new HashMap<>();
    private final List<DomainEventMessage<?>> published = new ArrayList<>();

    @BeforeEach
    void setUp() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
        mongo = new ReactiveMongoTemplate(client, "test");
        projection = new CommissionPlanProjection(mongo);
        adapter = new AnnotationEventHandlerAdapter(projection);
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.shutdownNow();
    }

    /** Terms with maps keyed by names MongoDB could not take as field names (dots, dollar). */
    private static CommissionPlanTerms terms(String rate, int holdDays) {
        CommissionRule percent = new CommissionRule("rule-pct", RuleKind.PERCENT_PER_LINE, "per line",
                null, Map.of("sku.pro", Money.ofMinor(5_000, "EUR")), new BigDecimal(rate),
                Map.of("sku.analytics", new BigDecimal("0.12")), Map.of("$hardware", new BigDecimal("0.03")),
                List.of(new RateBand(Money.ofMinor(0, "EUR"), new BigDecimal("0.05")),
                        new RateBand(Money.ofMinor(10_000_000, "EUR"), new BigDecimal("0.07"))),
                null, null, null, Money.ofMinor(500_000, "EUR"));
        return new CommissionPlanTerms(List.of(percent), Map.of("GOLD", new BigDecimal("1.2")),
                Map.of("p.7", new BigDecimal("1.5")), Map.of("sku.analytics", "software"),
                Money.ofMinor(1_000_000, "EUR"), null, new TouchShares(70, 20, 10), holdDays, PeriodUnit.QUARTER);
    }

    private void publish(String stream, Object event, Instant at) {
        long sequence = sequences.merge(stream, 1L, Long::sum) - 1;
        DomainEventMessage<?> message = new GenericDomainEventMessage<>("Aggregate", stream, sequence, event,
                MetaData.emptyInstance(), UUID.randomUUID().toString(), at);
        published.add(message);
        deliver(message);
    }

    private void deliver(DomainEventMessage<?> message) {
        try {
            adapter.handle(message);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void assign(PlanScope scope, String planId, String previousPlanId, Instant at) {
        publish(CommissionPlanAssignments.ID,
                new CommissionPlanAssignedEvent(CommissionPlanAssignments.ID, scope, planId, previousPlanId), at);
    }

    private CommissionPlanView plan(String planId) {
        return projection.handle(new FindCommissionPlanQuery(planId)).join();
    }

    private void story() {
        publish("plan-std", new CommissionPlanCreatedEvent("plan-std", "Standard resellers", terms("0.10", 30)), T0);
        publish("plan-std", new CommissionPlanPublishedEvent("plan-std", 1, LocalDate.parse("2026-01-01"), terms("0.10", 30)), T1);
        publish("plan-std", new CommissionPlanDraftUpdatedEvent("plan-std", 2, terms("0.11", 45)), T1);
        publish("plan-gold", new CommissionPlanCreatedEvent("plan-gold", "gold partners", terms("0.15", 30)), T0);
        assign(PlanScope.PROGRAM, "plan-std", null, T1);
        assign(GOLD, "plan-std", null, T1);
        assign(PARTNER_7, "plan-std", null, T1);
        assign(GOLD, "plan-gold", "plan-std", T2);
        publish("plan-std", new CommissionPlanPublishedEvent("plan-std", 2, LocalDate.parse("2026-03-01"), terms("0.11", 45)), T2);
    }

    @Test
    void planShowsItsDraftVersionsAndAssignments() {
        story();

        CommissionPlanView standard = plan("plan-std");

        assertThat(standard.planId()).isEqualTo("plan-std");
        assertThat(standard.name()).isEqualTo("Standard resellers");
        assertThat(standard.draftVersion()).isNull();
        assertThat(standard.draft()).isNull();
        assertThat(standard.versions()).containsExactly(
                new PlanVersionView(1, LocalDate.parse("2026-01-01"), T1, terms("0.10", 30)),
                new PlanVersionView(2, LocalDate.parse("2026-03-01"), T2, terms("0.11", 45)));
        // GOLD moved to the gold plan: no longer on the standard one
        assertThat(standard.assignedTo()).containsExactly(PlanScope.PROGRAM, PARTNER_7);

        CommissionPlanView gold = plan("plan-gold");
        assertThat(gold.draftVersion()).isEqualTo(1);
        assertThat(gold.draft()).isEqualTo(terms("0.15", 30));
        assertThat(gold.versions()).isEmpty();
        assertThat(gold.assignedTo()).containsExactly(GOLD);
    }

    @Test
    void draftAfterPublicationIsTheNextVersion() {
        publish("plan-std", new CommissionPlanCreatedEvent("plan-std", "Standard", terms("0.10", 30)), T0);
        assertThat(plan("plan-std").draftVersion()).isEqualTo(1);
        publish("plan-std", new CommissionPlanPublishedEvent("plan-std", 1, LocalDate.parse("2026-01-01"), terms("0.10", 30)), T1);
        assertThat(plan("plan-std").draft()).isNull();
        publish("plan-std", new CommissionPlanDraftUpdatedEvent("plan-std", 2, terms("0.20", 10)), T2);

        CommissionPlanView view = plan("plan-std");
        assertThat(view.draftVersion()).isEqualTo(2);
        assertThat(view.draft()).isEqualTo(terms("0.20", 10));
        assertThat(view.versions()).extracting(PlanVersionView::version).containsExactly(1);
        assertThat(view.versions().get(0).terms()).isEqualTo(terms("0.10", 30));
    }

    @Test
    void plansAreListedByNameIgnoringCase() {
        story();
        publish("plan-a", new CommissionPlanCreatedEvent("plan-a", "Agency referrals", terms("0.05", 0)), T2);

        List<CommissionPlanView> plans = projection.handle(new FindCommissionPlansQuery()).join();

        assertThat(plans).extracting(CommissionPlanView::name)
                .containsExactly("Agency referrals", "gold partners", "Standard resellers");
    }

    @Test
    void unknownPlanIsNullAndAnAssignmentAloneDoesNotMakeAPlan() {
        assign(GOLD, "plan-later", null, T0);

        assertThat(plan("nope")).isNull();
        assertThat(plan("plan-later")).isNull();
        assertThat(projection.handle(new FindCommissionPlansQuery()).join()).isEmpty();

        publish("plan-later", new CommissionPlanCreatedEvent("plan-later", "Later", terms("0.10", 30)), T1);
        assertThat(plan("plan-later").assignedTo()).containsExactly(GOLD);
    }

    @Test
    void redeliveredEventsChangeNothing() {
        story();
        List<CommissionPlanView> before = projection.handle(new FindCommissionPlansQuery()).join();

        List.copyOf(published).forEach(this::deliver);

        assertThat(projection.handle(new FindCommissionPlansQuery()).join()).isEqualTo(before);
        assertThat(plan("plan-std").assignedTo()).containsExactly(PlanScope.PROGRAM, PARTNER_7);
    }

    @Test
    void answersOverAQueryBusWithTheResponseTypesTheUiUses() {
        story();
        SimpleQueryBus bus = SimpleQueryBus.builder().build();
        new AnnotationQueryHandlerAdapter<>(projection).subscribe(bus);

        List<CommissionPlanView> plans = bus.query(new GenericQueryMessage<>(new FindCommissionPlansQuery(),
                ResponseTypes.multipleInstancesOf(CommissionPlanView.class))).join().getPayload();
        CommissionPlanView one = bus.query(new GenericQueryMessage<>(new FindCommissionPlanQuery("plan-gold"),
                ResponseTypes.instanceOf(CommissionPlanView.class))).join().getPayload();
        CommissionPlanView none = bus.query(new GenericQueryMessage<>(new FindCommissionPlanQuery("nope"),
                ResponseTypes.instanceOf(CommissionPlanView.class))).join().getPayload();

        assertThat(plans).hasSize(2);
        assertThat(one.name()).isEqualTo("gold partners");
        assertThat(none).isNull();
    }

    @Test
    void resetEmptiesTheReadModel() {
        story();

        projection.reset();

        assertThat(projection.handle(new FindCommissionPlansQuery()).join()).isEmpty();
    }
}
