package io.channelbook.query.deal;

import io.channelbook.api.deal.CloseSource;
import io.channelbook.api.deal.ConflictResolution;
import io.channelbook.api.deal.CrmOpportunityLinkedEvent;
import io.channelbook.api.deal.CustomerClaimContestedEvent;
import io.channelbook.api.deal.DealAmountChangedEvent;
import io.channelbook.api.deal.DealClosedLostEvent;
import io.channelbook.api.deal.DealClosedWonEvent;
import io.channelbook.api.deal.DealConflictResolvedEvent;
import io.channelbook.api.deal.DealRefundedEvent;
import io.channelbook.api.deal.DealRegistrationApprovedEvent;
import io.channelbook.api.deal.DealRegistrationConflictedEvent;
import io.channelbook.api.deal.DealRegistrationExpiredEvent;
import io.channelbook.api.deal.DealRegistrationRejectedEvent;
import io.channelbook.api.deal.DealStatus;
import io.channelbook.api.deal.DealTouch;
import io.channelbook.api.deal.DealView;
import io.channelbook.api.deal.FindDealByCrmOpportunityQuery;
import io.channelbook.api.deal.FindDealQuery;
import io.channelbook.api.deal.LineItem;
import io.channelbook.api.deal.PartnerTouchAcceptedEvent;
import io.channelbook.api.deal.PartnerTouchLoggedEvent;
import io.channelbook.api.deal.ProtectionExpiryRemindedEvent;
import io.channelbook.api.deal.ProtectionExtendedEvent;
import io.channelbook.api.deal.ProtectionExtensionDeniedEvent;
import io.channelbook.api.deal.ProtectionExtensionRequestedEvent;
import io.channelbook.api.deal.ProtectionTransferredEvent;
import io.channelbook.api.deal.TouchType;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.GenericSubscriptionQueryMessage;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.axonframework.queryhandling.SubscriptionQueryUpdateMessage;
import org.axonframework.queryhandling.UpdateHandlerRegistration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static io.channelbook.query.deal.DealEvents.CONTACT;
import static io.channelbook.query.deal.DealEvents.EXPECTED_CLOSE;
import static io.channelbook.query.deal.DealEvents.contest;
import static io.channelbook.query.deal.DealEvents.eur;
import static io.channelbook.query.deal.DealEvents.submit;
import static io.channelbook.query.deal.DealEvents.submitted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The deal detail read model and the CRM links on a real Mongo wire-protocol server (in memory). */
class DealDetailProjectionTest {

    private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");
    private static final Instant T1 = Instant.parse("2026-01-06T10:00:00Z");
    private static final Instant T2 = Instant.parse("2026-01-07T10:00:00Z");
    private static final Instant T3 = Instant.parse("2026-01-08T10:00:00Z");
    private static final Instant UNTIL = Instant.parse("2026-04-05T10:00:00Z");
    private static final String ACME = "acme.com";

    private InMemoryMongo mongo;
    private SimpleQueryUpdateEmitter emitter;
    private DealDetailProjection detail;
    private EventFeed feed;

    @BeforeEach
    void setUp() {
        mongo = new InMemoryMongo();
        emitter = SimpleQueryUpdateEmitter.builder().build();
        detail = new DealDetailProjection(mongo.template, emitter);
        feed = new EventFeed(detail);
    }

    @AfterEach
    void tearDown() {
        mongo.close();
    }

    @Test
    void submittedRegistrationIsReadableInFull() {
        feed.publish("r-1", submitted("r-1", "p-1", ACME, eur(250_000_00), "opp-1"), T0);

        assertThat(vendorView("r-1")).isEqualTo(new DealView("r-1", "p-1", "Customer acme.com", ACME, "DE", CONTACT,
                List.of("sku-analytics", "sku-storage"), eur(250_000_00), EXPECTED_CLOSE, "met at the fair", "opp-1",
                DealStatus.SUBMITTED, T0, T0, null, null, false, null, null, null, null, null, null, List.of(), null,
                null, List.of(), 1));
    }

    @Test
    void unknownRegistrationIsNull() {
        assertThat(vendorView("nobody")).isNull();
        assertThat(partnerView("nobody", "p-1")).isNull();
    }

    @Test
    void approvalStartsProtectionAndExtensionsMoveIt() {
        feed.publish("r-1", submitted("r-1", "p-1", ACME, eur(100_00), null), T0);
        feed.publish("r-1", new DealRegistrationApprovedEvent("r-1", "p-1", ACME, UNTIL, 14), T1);
        assertThat(vendorView("r-1").status()).isEqualTo(DealStatus.APPROVED);
        assertThat(vendorView("r-1").protectedUntil()).isEqualTo(UNTIL);

        feed.publish("r-1", new ProtectionExtensionRequestedEvent("r-1", "p-1", 30, "procurement is slow"), T2);
        assertThat(vendorView("r-1").extensionRequestedDays()).isEqualTo(30);

        Instant extended = UNTIL.plus(Duration.ofDays(20));
        feed.publish("r-1", new ProtectionExtendedEvent("r-1", "p-1", extended, "20 days are enough"), T3);
        DealView view = vendorView("r-1");
        assertThat(view.protectedUntil()).isEqualTo(extended);
        assertThat(view.extensionRequestedDays()).isNull();
        assertThat(view.updatedAt()).isEqualTo(T3);
        assertThat(view.version()).isEqualTo(4);
    }

    @Test
    void deniedExtensionKeepsTheWindow() {
        feed.publish("r-1", submitted("r-1", "p-1", ACME, eur(100_00), null), T0);
        feed.publish("r-1", new DealRegistrationApprovedEvent("r-1", "p-1", ACME, UNTIL, 14), T1);
        feed.publish("r-1", new ProtectionExtensionRequestedEvent("r-1", "p-1", 30, "please"), T2);
        feed.publish("r-1", new ProtectionExtensionDeniedEvent("r-1", "p-1", "no activity logged"), T3);

        DealView view = vendorView("r-1");
        assertThat(view.protectedUntil()).isEqualTo(UNTIL);
        assertThat(view.extensionRequestedDays()).isNull();
    }

    @Test
    void reminderOnlyMovesTheVersionAndExpiryEndsTheRegistration() {
        feed.publish("r-1", submitted("r-1", "p-1", ACME, eur(100_00), null), T0);
        feed.publish("r-1", new DealRegistrationApprovedEvent("r-1", "p-1", ACME, UNTIL, 14), T1);
        feed.publish("r-1", new ProtectionExpiryRemindedEvent("r-1", "p-1", UNTIL), T2);

        DealView reminded = vendorView("r-1");
        assertThat(reminded.status()).isEqualTo(DealStatus.APPROVED);
        assertThat(reminded.updatedAt()).isEqualTo(T1);
        assertThat(reminded.version()).isEqualTo(3);

        feed.publish("r-1", new DealRegistrationExpiredEvent("r-1", "p-1", ACME), UNTIL);
        assertThat(vendorView("r-1").status()).isEqualTo(DealStatus.EXPIRED);
        assertThat(vendorView("r-1").updatedAt()).isEqualTo(UNTIL);
    }

    @Test
    void rejectionKeepsItsCodeAndReason() {
        feed.publish("r-1", submitted("r-1", "p-1", ACME, eur(100_00), null), T0);
        feed.publish("r-1", new DealRegistrationRejectedEvent("r-1", "p-1", ACME, "NOT_QUALIFIED", "no budget"), T1);

        DealView view = partnerView("r-1", "p-1");
        assertThat(view.status()).isEqualTo(DealStatus.REJECTED);
        assertThat(view.rejectionCode()).isEqualTo("NOT_QUALIFIED");
        assertThat(view.rejectionReason()).isEqualTo("no budget");
    }

    @Test
    void wonDealKeepsAmountLinesAndLaterChangesAndRefunds() {
        List<LineItem> lines = List.of(new LineItem("sku-analytics", eur(1_000_00), true, 12),
                new LineItem("sku-setup", eur(500_00), false, null));
        feed.publish("r-1", submitted("r-1", "p-1", ACME, eur(20_000_00), null), T0);
        feed.publish("r-1", new DealRegistrationApprovedEvent("r-1", "p-1", ACME, UNTIL, 14), T1);
        feed.publish("r-1", new DealClosedWonEvent("r-1", "p-1", ACME, eur(12_500_00), LocalDate.parse("2026-02-01"),
                lines, CloseSource.CRM, List.of()), T2);

        DealView won = vendorView("r-1");
        assertThat(won.status()).isEqualTo(DealStatus.CLOSED_WON);
        assertThat(won.closedAmount()).isEqualTo(eur(12_500_00));
        assertThat(won.closeDate()).isEqualTo(LocalDate.parse("2026-02-01"));
        assertThat(won.lineItems()).isEqualTo(lines);
        assertThat(won.refundedTotal()).isNull();

        feed.publish("r-1",
                new DealAmountChangedEvent("r-1", "p-1", eur(12_500_00), eur(11_000_00), CloseSource.CRM, eur(0), List.of("p-1")), T3);
        feed.publish("r-1", new DealRefundedEvent("r-1", "p-1", eur(400_00), eur(400_00), "rf-1", CloseSource.CRM, eur(11_000_00), List.of("p-1")), T3);
        feed.publish("r-1", new DealRefundedEvent("r-1", "p-1", eur(100_00), eur(500_00), "rf-2", CloseSource.CRM, eur(11_000_00), List.of("p-1")), T3);

        DealView changed = vendorView("r-1");
        assertThat(changed.closedAmount()).isEqualTo(eur(11_000_00));
        assertThat(changed.refundedTotal()).isEqualTo(eur(500_00));
        assertThat(changed.lineItems()).isEqualTo(lines);
    }

    @Test
    void lostDealKeepsItsReason() {
        feed.publish("r-1", submitted("r-1", "p-1", ACME, eur(100_00), null), T0);
        feed.publish("r-1", new DealRegistrationApprovedEvent("r-1", "p-1", ACME, UNTIL, 14), T1);
        feed.publish("r-1",
                new DealClosedLostEvent("r-1", "p-1", ACME, "went with a competitor", CloseSource.MANUAL), T2);

        DealView view = vendorView("r-1");
        assertThat(view.status()).isEqualTo(DealStatus.CLOSED_LOST);
        assertThat(view.lostReason()).isEqualTo("went with a competitor");
        assertThat(view.closedAmount()).isNull();
    }

    @Test
    void touchesAreLoggedThenAccepted() {
        feed.publish("r-1", submitted("r-1", "p-1", ACME, eur(100_00), null), T0);
        feed.publish("r-1",
                new PartnerTouchLoggedEvent("r-1", "t-1", "p-7", TouchType.INFLUENCED, "ran the demo", false), T1);
        feed.publish("r-1", new PartnerTouchLoggedEvent("r-1", "t-2", "p-8", TouchType.DELIVERED, null, true), T1);
        feed.publish("r-1", new PartnerTouchAcceptedEvent("r-1", "t-1", "p-7", TouchType.INFLUENCED), T2);

        assertThat(vendorView("r-1").touches()).containsExactly(
                new DealTouch("t-1", "p-7", TouchType.INFLUENCED, "ran the demo", true),
                new DealTouch("t-2", "p-8", TouchType.DELIVERED, null, true));
    }

    @Test
    void partnerSeesOnlyItsOwnRegistrationsAndTouches() {
        feed.publish("r-1", submitted("r-1", "p-1", ACME, eur(100_00), null), T0);
        feed.publish("r-1",
                new PartnerTouchLoggedEvent("r-1", "t-1", "p-7", TouchType.INFLUENCED, "ran the demo", false), T1);

        assertThat(partnerView("r-1", "p-2")).isNull();
        assertThat(partnerView("r-1", "p-7")).isNull();
        DealView own = partnerView("r-1", "p-1");
        assertThat(own.registrationId()).isEqualTo("r-1");
        assertThat(own.touches()).isEmpty();
    }

    @Test
    void conflictShowsTheHolderToVendorsButNeverToThePartner() {
        submit(feed, "r-1", "p-1", ACME, eur(100_00), T0);
        contest(feed, "r-2", "p-2", ACME, eur(90_00), "r-1", "p-1", T1);

        DealView vendor = vendorView("r-2");
        assertThat(vendor.status()).isEqualTo(DealStatus.CONFLICT);
        assertThat(vendor.inConflict()).isTrue();
        assertThat(vendor.holderRegistrationId()).isEqualTo("r-1");
        assertThat(vendor.holderPartnerId()).isEqualTo("p-1");

        DealView partner = partnerView("r-2", "p-2");
        assertThat(partner.status()).isEqualTo(DealStatus.CONFLICT);
        assertThat(partner.inConflict()).isTrue();
        assertThat(partner.holderRegistrationId()).isNull();
        assertThat(partner.holderPartnerId()).isNull();
        assertThat(partnerView("r-2", "p-1")).isNull();
    }

    @Test
    void coSellPutsTheContesterUnderReviewBesideTheHolder() {
        submit(feed, "r-1", "p-1", ACME, eur(100_00), T0);
        contest(feed, "r-2", "p-2", ACME, eur(90_00), "r-1", "p-1", T1);
        feed.publish("r-2",
                new DealConflictResolvedEvent("r-2", "p-2", "r-1", ConflictResolution.CO_SELL, "joint bid"), T2);

        DealView view = vendorView("r-2");
        assertThat(view.status()).isEqualTo(DealStatus.SUBMITTED);
        assertThat(view.inConflict()).isFalse();
        assertThat(view.holderRegistrationId()).isEqualTo("r-1");
        assertThat(vendorView("r-1").status()).isEqualTo(DealStatus.SUBMITTED);
    }

    @Test
    void keepingTheFirstLeavesTheContesterInConflictUntilItsRejection() {
        submit(feed, "r-1", "p-1", ACME, eur(100_00), T0);
        contest(feed, "r-2", "p-2", ACME, eur(90_00), "r-1", "p-1", T1);
        feed.publish("r-2",
                new DealConflictResolvedEvent("r-2", "p-2", "r-1", ConflictResolution.KEEP_FIRST, "first"), T2);
        assertThat(vendorView("r-2").status()).isEqualTo(DealStatus.CONFLICT);

        feed.publish("r-2",
                new DealRegistrationRejectedEvent("r-2", "p-2", ACME, "DUPLICATE", "registered earlier"), T2);
        DealView view = vendorView("r-2");
        assertThat(view.status()).isEqualTo(DealStatus.REJECTED);
        assertThat(view.inConflict()).isFalse();
        assertThat(view.rejectionCode()).isEqualTo("DUPLICATE");
    }

    @Test
    void transferredProtectionMakesTheContesterTheHolderWhateverItsOwnSequence() {
        submit(feed, "r-1", "p-1", ACME, eur(100_00), T0);
        contest(feed, "r-2", "p-2", ACME, eur(90_00), "r-1", "p-1", T1);
        contest(feed, "r-3", "p-3", ACME, eur(80_00), "r-1", "p-1", T1);
        // r-3's own stream runs ahead of the claim's: its numbers must not hide the claim's events
        logTouches("r-3", 4);
        assertThat(feed.nextSequence("r-3")).isGreaterThan(feed.nextSequence(ACME));

        feed.publish("r-2", new DealConflictResolvedEvent("r-2", "p-2", "r-1",
                ConflictResolution.TRANSFER_PROTECTION, "customer prefers p-2"), T2);
        feed.publish("r-1",
                new DealRegistrationRejectedEvent("r-1", "p-1", ACME, "TRANSFERRED", "protection moved"), T2);
        feed.publish(ACME, new ProtectionTransferredEvent(ACME, "r-1", "r-2", "p-2"), T2);

        DealView holder = vendorView("r-2");
        assertThat(holder.status()).isEqualTo(DealStatus.SUBMITTED);
        assertThat(holder.inConflict()).isFalse();
        assertThat(holder.holderRegistrationId()).isNull();
        assertThat(holder.version()).isEqualTo(2);
        DealView stillContesting = vendorView("r-3");
        assertThat(stillContesting.status()).isEqualTo(DealStatus.CONFLICT);
        assertThat(stillContesting.holderRegistrationId()).isEqualTo("r-2");
        assertThat(stillContesting.holderPartnerId()).isEqualTo("p-2");
        assertThat(vendorView("r-1").status()).isEqualTo(DealStatus.REJECTED);
    }

    @Test
    void aReplayInOneProcessorBatchBuildsTheSameDetailsAndLinksAsEventByEvent() {
        submit(feed, "r-1", "p-1", ACME, eur(100_00), T0);
        contest(feed, "r-2", "p-2", ACME, eur(90_00), "r-1", "p-1", T1);
        contest(feed, "r-3", "p-3", ACME, eur(80_00), "r-1", "p-1", T1);
        logTouches("r-3", 2);
        feed.publish("r-2", new DealConflictResolvedEvent("r-2", "p-2", "r-1",
                ConflictResolution.TRANSFER_PROTECTION, "customer prefers p-2"), T2);
        feed.publish("r-1",
                new DealRegistrationRejectedEvent("r-1", "p-1", ACME, "TRANSFERRED", "protection moved"), T2);
        feed.publish(ACME, new ProtectionTransferredEvent(ACME, "r-1", "r-2", "p-2"), T2);
        feed.publish("r-4", submitted("r-4", "p-1", "globex.com", eur(100_00), "opp-1"), T0);
        feed.publish("r-4", new CrmOpportunityLinkedEvent("r-4", "opp-1b"), T1);
        List<org.bson.Document> details = mongo.all("deal_details");
        List<org.bson.Document> links = mongo.all("deal_crm_links");

        feed.reset();
        feed.redeliverAllInOneBatch();

        assertThat(mongo.all("deal_details")).isEqualTo(details);
        assertThat(mongo.all("deal_crm_links")).isEqualTo(links);
        assertThat(links).extracting(link -> link.get("_id")).containsExactly("opp-1b");
    }

    @Test
    void aReplayBatchLoadsItsDealsWithOneQueryNotOnePerEvent() {
        for (int i = 0; i < 40; i++) {
            feed.publish("r-" + i, submitted("r-" + i, "p-1", "customer-" + i + ".example", eur(10_00), null), T0);
            feed.publish("r-" + i, new DealRegistrationApprovedEvent("r-" + i, "p-1",
                    "customer-" + i + ".example", T1.plusSeconds(90 * 24 * 3600L), 14), T1);
        }
        List<org.bson.Document> details = mongo.all("deal_details");
        feed.reset();
        int findsBefore = mongo.finds();

        feed.redeliverAllInOneBatch();

        assertThat(mongo.finds() - findsBefore).isEqualTo(1);
        assertThat(mongo.all("deal_details")).hasSize(40).isEqualTo(details);
    }

    @Test
    void transferAloneEndsTheConflictToo() {
        submit(feed, "r-1", "p-1", ACME, eur(100_00), T0);
        contest(feed, "r-2", "p-2", ACME, eur(90_00), "r-1", "p-1", T1);
        logTouches("r-2", 4);
        assertThat(feed.nextSequence("r-2")).isGreaterThan(feed.nextSequence(ACME));
        feed.publish(ACME, new ProtectionTransferredEvent(ACME, "r-1", "r-2", "p-2"), T2);

        DealView view = vendorView("r-2");
        assertThat(view.status()).isEqualTo(DealStatus.SUBMITTED);
        assertThat(view.inConflict()).isFalse();
        assertThat(view.updatedAt()).isEqualTo(T2);
        // the claim's event is not one of the registration's own
        assertThat(view.version()).isEqualTo(5);
    }

    @Test
    void crmOpportunityFindsItsRegistrationAndFollowsRelinks() {
        feed.publish("r-1", submitted("r-1", "p-1", ACME, eur(100_00), "opp-1"), T0);
        feed.publish("r-2", submitted("r-2", "p-2", "globex.com", eur(100_00), null), T0);
        assertThat(byCrm("opp-1").registrationId()).isEqualTo("r-1");
        assertThat(byCrm("opp-2")).isNull();

        feed.publish("r-1", new CrmOpportunityLinkedEvent("r-1", "opp-1b"), T1);
        feed.publish("r-2", new CrmOpportunityLinkedEvent("r-2", "opp-2"), T1);

        assertThat(byCrm("opp-1")).isNull();
        DealView relinked = byCrm("opp-1b");
        assertThat(relinked.registrationId()).isEqualTo("r-1");
        assertThat(relinked.crmOpportunityId()).isEqualTo("opp-1b");
        assertThat(byCrm("opp-2").registrationId()).isEqualTo("r-2");
    }

    @Test
    void crmViewIsTheVendorView() {
        submit(feed, "r-1", "p-1", ACME, eur(100_00), T0);
        feed.publish(ACME, new CustomerClaimContestedEvent(ACME, "r-2", "p-2", "r-1"), T1);
        feed.publish("r-2", new DealRegistrationConflictedEvent("r-2", "p-2", "Acme", ACME, "DE", CONTACT, List.of(),
                eur(1_00), EXPECTED_CLOSE, null, "opp-9", "r-1", "p-1"), T1);

        assertThat(byCrm("opp-9").holderPartnerId()).isEqualTo("p-1");
    }

    @Test
    void redeliveredEventsChangeNothing() {
        List<LineItem> lines = List.of(new LineItem("sku-analytics", eur(1_000_00), false, null));
        submit(feed, "r-1", "p-1", ACME, eur(100_00), T0);
        contest(feed, "r-2", "p-2", ACME, eur(90_00), "r-1", "p-1", T1);
        contest(feed, "r-3", "p-3", ACME, eur(80_00), "r-1", "p-1", T1);
        feed.publish("r-4", submitted("r-4", "p-1", "initech.com", eur(5_00), "opp-4"), T0);
        feed.publish("r-2", new PartnerTouchLoggedEvent("r-2", "t-1", "p-7", TouchType.INFLUENCED, "demo", false), T1);
        feed.publish("r-2", new PartnerTouchAcceptedEvent("r-2", "t-1", "p-7", TouchType.INFLUENCED), T1);
        feed.publish("r-2", new DealConflictResolvedEvent("r-2", "p-2", "r-1",
                ConflictResolution.TRANSFER_PROTECTION, "customer prefers p-2"), T2);
        feed.publish("r-1", new DealRegistrationRejectedEvent("r-1", "p-1", ACME, "TRANSFERRED", "moved"), T2);
        feed.publish(ACME, new ProtectionTransferredEvent(ACME, "r-1", "r-2", "p-2"), T2);
        feed.publish("r-2", new DealRegistrationApprovedEvent("r-2", "p-2", ACME, UNTIL, 14), T2);
        feed.publish("r-2", new ProtectionExtensionRequestedEvent("r-2", "p-2", 10, "slow"), T2);
        feed.publish("r-2", new ProtectionExtensionDeniedEvent("r-2", "p-2", "no"), T2);
        feed.publish("r-2", new ProtectionExpiryRemindedEvent("r-2", "p-2", UNTIL), T2);
        feed.publish("r-2", new DealClosedWonEvent("r-2", "p-2", ACME, eur(1_000_00), LocalDate.parse("2026-02-01"),
                lines, CloseSource.CRM, List.of()), T3);
        feed.publish("r-2", new DealAmountChangedEvent("r-2", "p-2", eur(1_000_00), eur(900_00), CloseSource.CRM, eur(0), List.of("p-2")), T3);
        feed.publish("r-2", new DealRefundedEvent("r-2", "p-2", eur(50_00), eur(50_00), "rf", CloseSource.CRM, eur(900_00), List.of("p-2")), T3);
        feed.publish("r-2", new CrmOpportunityLinkedEvent("r-2", "opp-2"), T3);
        feed.publish("r-3", new DealConflictResolvedEvent("r-3", "p-3", "r-2", ConflictResolution.CO_SELL, "ok"), T3);
        feed.publish("r-3", new ProtectionExtendedEvent("r-3", "p-3", UNTIL, "odd but recorded"), T3);
        feed.publish("r-3", new DealRegistrationExpiredEvent("r-3", "p-3", ACME), T3);
        feed.publish("r-4", new CrmOpportunityLinkedEvent("r-4", "opp-4b"), T3);
        feed.publish("r-4", new DealClosedLostEvent("r-4", "p-1", "initech.com", "no budget", CloseSource.MANUAL), T3);
        List<DealView> before = allViews();

        feed.redeliverAll();

        assertThat(allViews()).isEqualTo(before);
        assertThat(byCrm("opp-4")).isNull();
        assertThat(byCrm("opp-4b").registrationId()).isEqualTo("r-4");
        assertThat(byCrm("opp-2").registrationId()).isEqualTo("r-2");
    }

    @Test
    void subscribersGetChangesAsTheyMaySeeThem() {
        UpdateHandlerRegistration<Object> vendor = subscribe(new FindDealQuery("r-2", null));
        UpdateHandlerRegistration<Object> owner = subscribe(new FindDealQuery("r-2", "p-2"));
        UpdateHandlerRegistration<Object> stranger = subscribe(new FindDealQuery("r-2", "p-1"));

        submit(feed, "r-1", "p-1", ACME, eur(100_00), T0);
        contest(feed, "r-2", "p-2", ACME, eur(90_00), "r-1", "p-1", T1);
        feed.publish("r-2", new DealRegistrationRejectedEvent("r-2", "p-2", ACME, "DUPLICATE", "later"), T2);
        feed.redeliverAll();
        emitter.complete(FindDealQuery.class, query -> true);

        assertThat(updates(vendor)).extracting(DealView::status, DealView::holderPartnerId)
                .containsExactly(tuple(DealStatus.CONFLICT, "p-1"),
                        tuple(DealStatus.REJECTED, "p-1"));
        assertThat(updates(owner)).extracting(DealView::status, DealView::holderPartnerId)
                .containsExactly(tuple(DealStatus.CONFLICT, null),
                        tuple(DealStatus.REJECTED, null));
        assertThat(updates(stranger)).isEmpty();
    }

    @Test
    void resetEmptiesTheDetailsAndTheCrmLinks() {
        feed.publish("r-1", submitted("r-1", "p-1", ACME, eur(100_00), "opp-1"), T0);

        feed.reset();

        assertThat(vendorView("r-1")).isNull();
        assertThat(byCrm("opp-1")).isNull();
        assertThat(mongo.count(DealDetailDocument.COLLECTION)).isZero();
        assertThat(mongo.count(DealCrmLinkDocument.COLLECTION)).isZero();
    }

    private void logTouches(String registrationId, int count) {
        for (int i = 0; i < count; i++) {
            feed.publish(registrationId, new PartnerTouchLoggedEvent(registrationId, registrationId + "-t" + i, "p-9",
                    TouchType.INFLUENCED, "demo", false), T1);
        }
    }

    private DealView vendorView(String registrationId) {
        return detail.handle(new FindDealQuery(registrationId, null)).join();
    }

    private DealView partnerView(String registrationId, String partnerId) {
        return detail.handle(new FindDealQuery(registrationId, partnerId)).join();
    }

    private DealView byCrm(String crmOpportunityId) {
        return detail.handle(new FindDealByCrmOpportunityQuery(crmOpportunityId)).join();
    }

    private List<DealView> allViews() {
        return List.of("r-1", "r-2", "r-3", "r-4").stream().map(this::vendorView).toList();
    }

    private UpdateHandlerRegistration<Object> subscribe(FindDealQuery query) {
        return emitter.registerUpdateHandler(new GenericSubscriptionQueryMessage<>(query,
                ResponseTypes.instanceOf(DealView.class), ResponseTypes.instanceOf(DealView.class)), 100);
    }

    private static List<DealView> updates(UpdateHandlerRegistration<Object> registration) {
        return registration.getUpdates()
                .map(SubscriptionQueryUpdateMessage::getPayload)
                .cast(DealView.class)
                .collectList()
                .block(Duration.ofSeconds(5));
    }
}
