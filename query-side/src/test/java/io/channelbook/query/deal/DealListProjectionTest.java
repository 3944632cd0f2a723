package io.channelbook.query.deal;

import io.channelbook.api.deal.CloseSource;
import io.channelbook.api.deal.ConflictResolution;
import io.channelbook.api.deal.CustomerClaimReleasedEvent;
import io.channelbook.api.deal.CustomerClaimedEvent;
import io.channelbook.api.deal.DealClosedLostEvent;
import io.channelbook.api.deal.DealClosedWonEvent;
import io.channelbook.api.deal.DealConflictResolvedEvent;
import io.channelbook.api.deal.DealPage;
import io.channelbook.api.deal.DealRegistrationApprovedEvent;
import io.channelbook.api.deal.DealRegistrationExpiredEvent;
import io.channelbook.api.deal.DealRegistrationRejectedEvent;
import io.channelbook.api.deal.DealSort;
import io.channelbook.api.deal.DealStatus;
import io.channelbook.api.deal.DealSummary;
import io.channelbook.api.deal.FindDealsQuery;
import io.channelbook.api.deal.ProtectionExtendedEvent;
import io.channelbook.api.deal.ProtectionTransferredEvent;
import io.channelbook.api.money.Money;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.GenericSubscriptionQueryMessage;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.axonframework.queryhandling.SubscriptionQueryUpdateMessage;
import org.axonframework.queryhandling.UpdateHandlerRegistration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static io.channelbook.query.deal.DealEvents.contest;
import static io.channelbook.query.deal.DealEvents.eur;
import static io.channelbook.query.deal.DealEvents.submit;
import static io.channelbook.query.deal.DealEvents.usd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The deal list and review queue on a real Mongo wire-protocol server (in memory), with a fixed "now". */
class DealListProjectionTest {

    private static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");
    private static final Instant UNTIL = Instant.parse("2026-06-01T00:00:00Z");

    private InMemoryMongo mongo;
    private SimpleQueryUpdateEmitter emitter;
    private DealListProjection list;
    private EventFeed feed;

    @BeforeEach
    void setUp() {
        mongo = new InMemoryMongo();
        emitter = SimpleQueryUpdateEmitter.builder().build();
        list = new DealListProjection(mongo.template, emitter, Clock.fixed(NOW, ZoneOffset.UTC));
        feed = new EventFeed(list);
    }

    @AfterEach
    void tearDown() {
        mongo.close();
    }

    /** The vendor moves acme.com's protection from r-1 (p-1) to its contester r-4 (p-2). */
    private void transferProtectionFromR1ToR4() {
        feed.publish("r-4", new DealConflictResolvedEvent("r-4", "p-2", "r-1",
                ConflictResolution.TRANSFER_PROTECTION, "customer prefers p-2"), NOW);
        feed.publish("r-1", new DealRegistrationRejectedEvent("r-1", "p-1", "acme.com", "TRANSFERRED", "moved"), NOW);
        feed.publish("acme.com", new ProtectionTransferredEvent("acme.com", "r-1", "r-4", "p-2"), NOW);
    }

    /**
     * r-1 (p-1, EUR 100k, 40 days ago) holds acme.com and r-4 (p-2, EUR 80k, 5 days ago) contests it; r-2 (p-2, EUR 5k,
     * 20 days ago), r-3 (p-1, USD 250k, 10 days ago), r-5 (p-3, EUR 1k, a day ago, approved).
     */
    private void fiveRegistrations() {
        submit(feed, "r-1", "p-1", "acme.com", eur(100_000_00), daysAgo(40));
        submit(feed, "r-2", "p-2", "globex.com", eur(5_000_00), daysAgo(20));
        submit(feed, "r-3", "p-1", "initech.com", usd(250_000_00), daysAgo(10));
        contest(feed, "r-4", "p-2", "acme.com", eur(80_000_00), "r-1", "p-1", daysAgo(5));
        submit(feed, "r-5", "p-3", "umbrella.com", eur(1_000_00), daysAgo(1));
        feed.publish("r-5", new DealRegistrationApprovedEvent("r-5", "p-3", "umbrella.com", UNTIL, 14), daysAgo(1));
    }

    @Test
    void aSummaryShowsWhatTheListNeeds() {
        fiveRegistrations();

        assertThat(ids(vendor().sort(null))).containsExactly("r-1", "r-2", "r-3", "r-4", "r-5");
        DealSummary approved = vendor().run().items().get(4);
        assertThat(approved).isEqualTo(new DealSummary("r-5", "p-3", "Customer umbrella.com", "umbrella.com",
                DealStatus.APPROVED, eur(1_000_00), DealEvents.EXPECTED_CLOSE, daysAgo(1), UNTIL, false));
        assertThat(vendor().run().items().get(3).inConflict()).isTrue();
    }

    @Test
    void partnerSeesOnlyItsOwnRegistrationsWhateverThePartnerFilterSays() {
        fiveRegistrations();

        assertThat(ids(partner("p-1"))).containsExactly("r-1", "r-3");
        assertThat(ids(partner("p-1").partnerId("p-2"))).containsExactly("r-1", "r-3");
        assertThat(ids(partner("p-9"))).isEmpty();
        assertThat(ids(partner(""))).isEmpty();
    }

    @Test
    void vendorsFilterByPartner() {
        fiveRegistrations();

        assertThat(ids(vendor().partnerId("p-2"))).containsExactly("r-2", "r-4");
    }

    @Test
    void sortsOldestNewestAndLargestWithinACurrency() {
        fiveRegistrations();

        assertThat(ids(vendor().sort(DealSort.OLDEST))).containsExactly("r-1", "r-2", "r-3", "r-4", "r-5");
        assertThat(ids(vendor().sort(DealSort.NEWEST))).containsExactly("r-5", "r-4", "r-3", "r-2", "r-1");
        assertThat(ids(vendor().sort(DealSort.LARGEST_VALUE))).containsExactly("r-1", "r-4", "r-2", "r-5", "r-3");
        assertThat(ids(partner("p-1").sort(DealSort.NEWEST))).containsExactly("r-3", "r-1");
    }

    @Test
    void filtersByStatus() {
        fiveRegistrations();

        assertThat(ids(vendor().status(DealStatus.CONFLICT))).containsExactly("r-4");
        assertThat(ids(vendor().status(DealStatus.APPROVED))).containsExactly("r-5");
        assertThat(ids(partner("p-1").status(DealStatus.SUBMITTED))).containsExactly("r-1", "r-3");
    }

    @Test
    void conflictFilterShowsContestersAndTheHoldersTheyContestUntilSettled() {
        fiveRegistrations();
        assertThat(ids(vendor().conflictOnly())).containsExactly("r-1", "r-4");
        // a holder is not told that someone contests it
        assertThat(ids(partner("p-1").conflictOnly())).isEmpty();
        assertThat(ids(partner("p-2").conflictOnly())).containsExactly("r-4");

        feed.publish("r-4", new DealConflictResolvedEvent("r-4", "p-2", "r-1", ConflictResolution.KEEP_FIRST, "first"),
                NOW);
        assertThat(ids(vendor().conflictOnly())).containsExactly("r-1", "r-4");

        feed.publish("r-4", new DealRegistrationRejectedEvent("r-4", "p-2", "acme.com", "DUPLICATE", "later"), NOW);
        assertThat(ids(vendor().conflictOnly())).isEmpty();
        assertThat(ids(vendor().status(DealStatus.REJECTED))).containsExactly("r-4");
    }

    @Test
    void coSellEndsTheConflict() {
        fiveRegistrations();

        feed.publish("r-4", new DealConflictResolvedEvent("r-4", "p-2", "r-1", ConflictResolution.CO_SELL, "joint"),
                NOW);

        assertThat(ids(vendor().conflictOnly())).isEmpty();
        assertThat(ids(vendor().status(DealStatus.SUBMITTED))).containsExactly("r-1", "r-2", "r-3", "r-4");
    }

    @Test
    void transferredProtectionMakesTheContesterTheContestedHolder() {
        fiveRegistrations();
        contest(feed, "r-6", "p-3", "acme.com", eur(70_000_00), "r-1", "p-1", daysAgo(2));
        assertThat(ids(vendor().conflictOnly())).containsExactly("r-1", "r-4", "r-6");

        transferProtectionFromR1ToR4();

        DealPage conflicts = vendor().conflictOnly().run();
        assertThat(conflicts.items()).extracting(DealSummary::registrationId, DealSummary::status,
                DealSummary::inConflict).containsExactly(
                tuple("r-4", DealStatus.SUBMITTED, false),
                tuple("r-6", DealStatus.CONFLICT, true));

        // r-6 leaves: nothing contests the new holder any more
        feed.publish("r-6", new DealRegistrationRejectedEvent("r-6", "p-3", "acme.com", "DUPLICATE", "later"), NOW);
        assertThat(ids(vendor().conflictOnly())).isEmpty();
    }

    @Test
    void aContesterWhoseHolderLetGoClaimsTheCustomer() {
        fiveRegistrations();
        contest(feed, "r-6", "p-3", "acme.com", eur(70_000_00), "r-1", "p-1", daysAgo(2));
        feed.publish("r-1", new DealRegistrationExpiredEvent("r-1", "p-1", "acme.com"), NOW);
        feed.publish("acme.com", new CustomerClaimReleasedEvent("acme.com", "r-1", "expired"), NOW);
        feed.publish("acme.com", new CustomerClaimedEvent("acme.com", "r-4", "p-2"), NOW);

        assertThat(vendor().conflictOnly().run().items()).extracting(DealSummary::registrationId,
                DealSummary::status).containsExactly(tuple("r-4", DealStatus.SUBMITTED),
                tuple("r-6", DealStatus.CONFLICT));
    }

    @Test
    void aReplayInOneProcessorBatchBuildsTheSameListAsEventByEvent() {
        fiveRegistrations();
        contest(feed, "r-6", "p-3", "acme.com", eur(70_000_00), "r-1", "p-1", daysAgo(2));
        transferProtectionFromR1ToR4();
        feed.publish("r-5", new DealClosedWonEvent("r-5", "p-3", "umbrella.com", eur(1_000_00),
                NOW.atZone(ZoneOffset.UTC).toLocalDate(), List.of(), CloseSource.MANUAL, List.of()), NOW);
        List<org.bson.Document> lines = mongo.all("deal_list");
        List<org.bson.Document> indexes = mongo.all("deal_partner_index");

        feed.reset();
        feed.redeliverAllInOneBatch();

        assertThat(mongo.all("deal_list")).isEqualTo(lines);
        assertThat(mongo.all("deal_partner_index")).isEqualTo(indexes);
    }

    @Test
    void protectionAndOutcomesShowInTheList() {
        fiveRegistrations();
        Instant extended = UNTIL.plus(Duration.ofDays(30));
        feed.publish("r-5", new ProtectionExtendedEvent("r-5", "p-3", extended, "more time"), NOW);
        feed.publish("r-2", new DealRegistrationApprovedEvent("r-2", "p-2", "globex.com", UNTIL, 14), NOW);
        feed.publish("r-2", new DealClosedWonEvent("r-2", "p-2", "globex.com", eur(4_000_00),
                LocalDate.parse("2026-02-20"), List.of(), CloseSource.CRM, List.of()), NOW);
        feed.publish("r-3", new DealClosedLostEvent("r-3", "p-1", "initech.com", "no budget", CloseSource.MANUAL), NOW);
        feed.publish("r-1", new DealRegistrationExpiredEvent("r-1", "p-1", "acme.com"), NOW);

        assertThat(vendor().run().items()).extracting(DealSummary::registrationId, DealSummary::status,
                DealSummary::protectedUntil).containsExactly(
                tuple("r-1", DealStatus.EXPIRED, null),
                tuple("r-2", DealStatus.CLOSED_WON, UNTIL),
                tuple("r-3", DealStatus.CLOSED_LOST, null),
                tuple("r-4", DealStatus.CONFLICT, null),
                tuple("r-5", DealStatus.APPROVED, extended));
        // an expired holder is no longer contested; its contester still is in conflict
        assertThat(ids(vendor().conflictOnly())).containsExactly("r-4");
    }

    @Test
    void minimumValueAppliesWithinItsCurrencyOnly() {
        fiveRegistrations();

        assertThat(ids(vendor().minValue(50_000_00L, "EUR"))).containsExactly("r-1", "r-4");
        assertThat(ids(vendor().minValue(50_000_00L, "eur"))).containsExactly("r-1", "r-4");
        assertThat(ids(vendor().minValue(null, "USD"))).containsExactly("r-3");
        assertThat(ids(vendor().minValue(50_000_00L, null))).hasSize(5);
        assertThat(ids(partner("p-2").minValue(50_000_00L, "EUR"))).containsExactly("r-4");
    }

    @Test
    void ageFilterCountsFromNow() {
        fiveRegistrations();

        assertThat(ids(vendor().olderThanDays(15))).containsExactly("r-1", "r-2");
        assertThat(ids(partner("p-1").olderThanDays(15))).containsExactly("r-1");
        assertThat(ids(vendor().olderThanDays(0))).hasSize(5);
    }

    @Test
    void pagesCarryTheTotal() {
        fiveRegistrations();

        DealPage first = vendor().page(0, 2).run();
        DealPage last = vendor().page(2, 2).run();
        DealPage beyond = vendor().page(5, 2).run();

        assertThat(ids(first)).containsExactly("r-1", "r-2");
        assertThat(ids(last)).containsExactly("r-5");
        assertThat(beyond.items()).isEmpty();
        assertThat(List.of(first.total(), last.total(), beyond.total())).containsOnly(5L);
        assertThat(ids(partner("p-1").page(1, 1))).containsExactly("r-3");
        assertThat(partner("p-1").page(1, 1).run().total()).isEqualTo(2);
        assertThat(vendor().page(0, 0).run().items()).isEmpty();
    }

    @Test
    void aPartnersLinesReadByIdMatchTheScannedQueue() {
        // one partner only, so the scanned queue and the partner's lines must be the same lists
        String[] currencies = {"EUR", "USD", "EUR", "GBP"};
        for (int i = 0; i < 12; i++) {
            String id = "r-" + (char) ('a' + (i * 7) % 12);
            submit(feed, id, "p-1", "customer" + i + ".com",
                    Money.ofMinor(1_000_00L * ((i * 5) % 7), currencies[i % 4]), daysAgo(30 - (i / 2) * 5));
            if (i % 3 == 0) {
                feed.publish(id, new DealRegistrationApprovedEvent(id, "p-1", "customer" + i + ".com", UNTIL, 14),
                        NOW);
            }
        }
        contest(feed, "r-z", "p-1", "customer0.com", eur(9_000_00), "r-a", "p-1", daysAgo(3));

        List<Finder> variants = new ArrayList<>();
        for (DealSort sort : DealSort.values()) {
            variants.add(vendor().sort(sort));
            variants.add(vendor().sort(sort).page(1, 4));
            variants.add(vendor().sort(sort).status(DealStatus.APPROVED));
            variants.add(vendor().sort(sort).conflictOnly());
            variants.add(vendor().sort(sort).minValue(3_000_00L, "EUR").page(0, 3));
            variants.add(vendor().sort(sort).olderThanDays(12));
        }
        for (Finder variant : variants) {
            DealPage scanned = variant.run();
            assertThat(scanned.items()).isNotEmpty();
            assertThat(variant.partnerId("p-1").run()).as(variant.query().toString()).isEqualTo(scanned);
            if (variant.query().conflictOnly() == null) {
                assertThat(variant.viewer("p-1").run()).as(variant.query().toString()).isEqualTo(scanned);
            }
        }
    }

    @Test
    void redeliveredEventsChangeNothing() {
        fiveRegistrations();
        contest(feed, "r-6", "p-3", "acme.com", eur(70_000_00), "r-1", "p-1", daysAgo(2));
        transferProtectionFromR1ToR4();
        feed.publish("r-5", new ProtectionExtendedEvent("r-5", "p-3", UNTIL.plus(Duration.ofDays(30)), "ok"), NOW);
        DealPage all = vendor().run();
        DealPage conflicts = vendor().conflictOnly().run();
        DealPage ofP2 = partner("p-2").run();

        feed.redeliverAll();

        assertThat(vendor().run()).isEqualTo(all);
        assertThat(vendor().conflictOnly().run()).isEqualTo(conflicts);
        assertThat(partner("p-2").run()).isEqualTo(ofP2);
        assertThat(mongo.template.findById("p-2", DealPartnerIndexDocument.class).block().registrationIds())
                .containsExactly("r-2", "r-4");
    }

    @Test
    void subscribersLearnOfLinesEnteringAndLeavingTheirSelection() {
        UpdateHandlerRegistration<Object> submittedQueue = subscribe(vendor().status(DealStatus.SUBMITTED).query());
        UpdateHandlerRegistration<Object> ofP2 = subscribe(partner("p-2").query());

        submit(feed, "r-1", "p-1", "acme.com", eur(100_00), daysAgo(3));
        feed.publish("r-1", new DealRegistrationApprovedEvent("r-1", "p-1", "acme.com", UNTIL, 14), NOW);
        feed.redeliverAll();
        emitter.complete(FindDealsQuery.class, query -> true);

        assertThat(updates(submittedQueue)).extracting(DealSummary::registrationId, DealSummary::status)
                .containsExactly(tuple("r-1", DealStatus.SUBMITTED), tuple("r-1", DealStatus.APPROVED));
        assertThat(updates(ofP2)).isEmpty();
    }

    @Test
    void resetEmptiesTheListAndThePartnerIndex() {
        fiveRegistrations();

        feed.reset();

        assertThat(vendor().run().total()).isZero();
        assertThat(partner("p-1").run().total()).isZero();
        assertThat(mongo.count(DealListDocument.COLLECTION)).isZero();
        assertThat(mongo.count(DealPartnerIndexDocument.COLLECTION)).isZero();
    }

    private static Instant daysAgo(int days) {
        return NOW.minus(Duration.ofDays(days)).minusSeconds(1);
    }

    private Finder vendor() {
        return new Finder(new FindDealsQuery(null, null, null, null, null, null, null, null, 0, 50));
    }

    private Finder partner(String partnerId) {
        return vendor().viewer(partnerId);
    }

    private static List<String> ids(Finder finder) {
        return ids(finder.run());
    }

    private static List<String> ids(DealPage page) {
        return page.items().stream().map(DealSummary::registrationId).toList();
    }

    private UpdateHandlerRegistration<Object> subscribe(FindDealsQuery query) {
        return emitter.registerUpdateHandler(new GenericSubscriptionQueryMessage<>(query,
                ResponseTypes.instanceOf(DealPage.class), ResponseTypes.instanceOf(DealSummary.class)), 100);
    }

    private static List<DealSummary> updates(UpdateHandlerRegistration<Object> registration) {
        return registration.getUpdates()
                .map(SubscriptionQueryUpdateMessage::getPayload)
                .cast(DealSummary.class)
                .collectList()
                .block(Duration.ofSeconds(5));
    }

    /** A {@link FindDealsQuery} built up filter by filter. */
    private final class Finder {

        private final FindDealsQuery query;

        Finder(FindDealsQuery query) {
            this.query = query;
        }

        FindDealsQuery query() {
            return query;
        }

        DealPage run() {
            return list.handle(query).join();
        }

        Finder viewer(String viewerPartnerId) {
            return new Finder(new FindDealsQuery(viewerPartnerId, query.status(), query.partnerId(),
                    query.conflictOnly(), query.minValueMinor(), query.currency(), query.olderThanDays(), query.sort(),
                    query.page(), query.size()));
        }

        Finder status(DealStatus status) {
            return new Finder(new FindDealsQuery(query.viewerPartnerId(), status, query.partnerId(),
                    query.conflictOnly(), query.minValueMinor(), query.currency(), query.olderThanDays(), query.sort(),
                    query.page(), query.size()));
        }

        Finder partnerId(String partnerId) {
            return new Finder(new FindDealsQuery(query.viewerPartnerId(), query.status(), partnerId,
                    query.conflictOnly(), query.minValueMinor(), query.currency(), query.olderThanDays(), query.sort(),
                    query.page(), query.size()));
        }

        Finder conflictOnly() {
            return new Finder(new FindDealsQuery(query.viewerPartnerId(), query.status(), query.partnerId(), true,
                    query.minValueMinor(), query.currency(), query.olderThanDays(), query.sort(), query.page(),
                    query.size()));
        }

        Finder minValue(Long minValueMinor, String currency) {
            return new Finder(new FindDealsQuery(query.viewerPartnerId(), query.status(), query.partnerId(),
                    query.conflictOnly(), minValueMinor, currency, query.olderThanDays(), query.sort(), query.page(),
                    query.size()));
        }

        Finder olderThanDays(Integer days) {
            return new Finder(new FindDealsQuery(query.viewerPartnerId(), query.status(), query.partnerId(),
                    query.conflictOnly(), query.minValueMinor(), query.currency(), days, query.sort(), query.page(),
                    query.size()));
        }

        Finder sort(DealSort sort) {
            return new Finder(new FindDealsQuery(query.viewerPartnerId(), query.status(), query.partnerId(),
                    query.conflictOnly(), query.minValueMinor(), query.currency(), query.olderThanDays(), sort,
                    query.page(), query.size()));
        }

        Finder page(int page, int size) {
            return new Finder(new FindDealsQuery(query.viewerPartnerId(), query.status(), query.partnerId(),
                    query.conflictOnly(), query.minValueMinor(), query.currency(), query.olderThanDays(), query.sort(),
                    page, size));
        }
    }
}
