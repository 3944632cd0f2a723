package io.channelbook.query.deal;

import io.channelbook.api.deal.ClaimOrderEntry;
import io.channelbook.api.deal.ConflictResolution;
import io.channelbook.api.deal.CustomerClaimContestedEvent;
import io.channelbook.api.deal.CustomerClaimReleasedEvent;
import io.channelbook.api.deal.CustomerClaimedEvent;
import io.channelbook.api.deal.DealConflictResolvedEvent;
import io.channelbook.api.deal.DealConflictView;
import io.channelbook.api.deal.DealRegistrationRejectedEvent;
import io.channelbook.api.deal.DealStatus;
import io.channelbook.api.deal.DealView;
import io.channelbook.api.deal.FindDealConflictQuery;
import io.channelbook.api.deal.ProtectionTransferredEvent;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static io.channelbook.query.deal.DealEvents.contest;
import static io.channelbook.query.deal.DealEvents.eur;
import static io.channelbook.query.deal.DealEvents.submit;
import static java.time.temporal.ChronoUnit.MILLIS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The customer claims read model and the conflict view, on a real Mongo wire-protocol server (in memory). */
class CustomerClaimProjectionTest {

    private static final String ACME = "acme.com";
    // two registrations within the same millisecond: the claim's order and the exact timestamps still tell them apart
    private static final Instant FIRST = Instant.parse("2026-01-05T10:00:00.123456789Z");
    private static final Instant SECOND = Instant.parse("2026-01-05T10:00:00.123999001Z");
    private static final Instant THIRD = Instant.parse("2026-01-06T08:30:00Z");
    private static final Instant LATER = Instant.parse("2026-01-07T08:30:00Z");

    private InMemoryMongo mongo;
    private CustomerClaimProjection claims;
    private EventFeed feed;

    @BeforeEach
    void setUp() {
        mongo = new InMemoryMongo();
        claims = new CustomerClaimProjection(mongo.template);
        DealDetailProjection detail =
                new DealDetailProjection(mongo.template, SimpleQueryUpdateEmitter.builder().build());
        feed = new EventFeed(claims, detail);
    }

    @AfterEach
    void tearDown() {
        mongo.close();
    }

    private void threeRegistrationsOfAcme() {
        submit(feed, "r-1", "p-1", ACME, eur(100_00), FIRST);
        contest(feed, "r-2", "p-2", ACME, eur(90_00), "r-1", "p-1", SECOND);
        contest(feed, "r-3", "p-3", ACME, eur(80_00), "r-1", "p-1", THIRD);
    }

    @Test
    void conflictViewProvesWhoRegisteredFirst() {
        threeRegistrationsOfAcme();

        DealConflictView view = conflict(ACME);

        assertThat(view.customerDomain()).isEqualTo(ACME);
        assertThat(view.holderRegistrationId()).isEqualTo("r-1");
        assertThat(view.claimOrder()).containsExactly(
                new ClaimOrderEntry(0, FIRST, "r-1", "p-1", true, "CustomerClaimedEvent"),
                new ClaimOrderEntry(1, SECOND, "r-2", "p-2", false, "CustomerClaimContestedEvent"),
                new ClaimOrderEntry(2, THIRD, "r-3", "p-3", false, "CustomerClaimContestedEvent"));
        assertThat(view.registrations()).extracting(DealView::registrationId, DealView::status,
                DealView::holderRegistrationId, DealView::holderPartnerId, DealView::submittedAt).containsExactly(
                tuple("r-1", DealStatus.SUBMITTED, null, null, FIRST.truncatedTo(MILLIS)),
                tuple("r-2", DealStatus.CONFLICT, "r-1", "p-1", SECOND.truncatedTo(MILLIS)),
                tuple("r-3", DealStatus.CONFLICT, "r-1", "p-1", THIRD));
    }

    @Test
    void transferredProtectionMovesTheHolderButNotTheOrder() {
        threeRegistrationsOfAcme();
        feed.publish("r-2", new DealConflictResolvedEvent("r-2", "p-2", "r-1",
                ConflictResolution.TRANSFER_PROTECTION, "customer prefers p-2"), LATER);
        feed.publish("r-1", new DealRegistrationRejectedEvent("r-1", "p-1", ACME, "TRANSFERRED", "moved"), LATER);
        feed.publish(ACME, new ProtectionTransferredEvent(ACME, "r-1", "r-2", "p-2"), LATER);

        DealConflictView view = conflict(ACME);

        assertThat(view.holderRegistrationId()).isEqualTo("r-2");
        assertThat(view.claimOrder()).extracting(ClaimOrderEntry::registrationId, ClaimOrderEntry::claimSequence,
                ClaimOrderEntry::holder).containsExactly(tuple("r-1", 0L, false), tuple("r-2", 1L, true),
                tuple("r-3", 2L, false));
        assertThat(view.registrations()).extracting(DealView::registrationId, DealView::status,
                DealView::holderRegistrationId).containsExactly(tuple("r-1", DealStatus.REJECTED, null),
                tuple("r-2", DealStatus.SUBMITTED, null), tuple("r-3", DealStatus.CONFLICT, "r-2"));
    }

    @Test
    void releasedClaimHasNoHolderUntilTheNextClaim() {
        submit(feed, "r-1", "p-1", ACME, eur(100_00), FIRST);
        feed.publish("r-1",
                new DealRegistrationRejectedEvent("r-1", "p-1", ACME, "NOT_QUALIFIED", "no budget"), SECOND);
        feed.publish(ACME, new CustomerClaimReleasedEvent(ACME, "r-1", "rejected"), SECOND);
        assertThat(conflict(ACME).holderRegistrationId()).isNull();
        assertThat(conflict(ACME).claimOrder()).extracting(ClaimOrderEntry::holder).containsExactly(false);

        submit(feed, "r-2", "p-2", ACME, eur(100_00), THIRD);

        DealConflictView view = conflict(ACME);
        assertThat(view.holderRegistrationId()).isEqualTo("r-2");
        assertThat(view.claimOrder()).extracting(ClaimOrderEntry::registrationId, ClaimOrderEntry::claimSequence)
                .containsExactly(tuple("r-1", 0L), tuple("r-2", 2L));
    }

    @Test
    void aContesterWhoseHolderLetGoClaimsTheCustomer() {
        threeRegistrationsOfAcme();
        feed.publish("r-1", new DealRegistrationRejectedEvent("r-1", "p-1", ACME, "NOT_QUALIFIED", "no budget"), LATER);
        feed.publish(ACME, new CustomerClaimReleasedEvent(ACME, "r-1", "rejected"), LATER);
        feed.publish(ACME, new CustomerClaimedEvent(ACME, "r-2", "p-2"), LATER);

        DealConflictView view = conflict(ACME);
        assertThat(view.holderRegistrationId()).isEqualTo("r-2");
        assertThat(view.claimOrder()).extracting(ClaimOrderEntry::registrationId).containsExactly("r-1", "r-2", "r-3");
        assertThat(view.registrations()).extracting(DealView::registrationId, DealView::status,
                DealView::holderRegistrationId).containsExactly(tuple("r-1", DealStatus.REJECTED, null),
                tuple("r-2", DealStatus.SUBMITTED, null), tuple("r-3", DealStatus.CONFLICT, "r-2"));
    }

    @Test
    void aReplayInOneProcessorBatchBuildsTheSameClaimsAsEventByEvent() {
        threeRegistrationsOfAcme();
        submit(feed, "r-4", "p-1", "globex.com", eur(10_00), SECOND);
        feed.publish("r-1", new DealRegistrationRejectedEvent("r-1", "p-1", ACME, "NOT_QUALIFIED", "no budget"), LATER);
        feed.publish(ACME, new CustomerClaimReleasedEvent(ACME, "r-1", "rejected"), LATER);
        feed.publish(ACME, new CustomerClaimedEvent(ACME, "r-2", "p-2"), LATER);
        java.util.List<org.bson.Document> claimsBefore = mongo.all("customer_claims");

        feed.reset();
        feed.redeliverAllInOneBatch();

        assertThat(claimsBefore).hasSize(2);
        assertThat(mongo.all("customer_claims")).isEqualTo(claimsBefore);
        assertThat(conflict(ACME).holderRegistrationId()).isEqualTo("r-2");
    }

    @Test
    void aReplayBatchLoadsItsClaimsWithOneQueryNotOnePerEvent() {
        EventFeed claimsOnly = new EventFeed(claims);
        for (int i = 0; i < 40; i++) {
            claimsOnly.publish("customer-" + i + ".example",
                    new CustomerClaimedEvent("customer-" + i + ".example", "r-" + i, "p-1"), FIRST);
        }
        java.util.List<org.bson.Document> claimsBefore = mongo.all("customer_claims");
        claimsOnly.reset();
        int findsBefore = mongo.finds();

        claimsOnly.redeliverAllInOneBatch();

        assertThat(mongo.finds() - findsBefore).isEqualTo(1);
        assertThat(mongo.all("customer_claims")).hasSize(40).isEqualTo(claimsBefore);
    }

    @Test
    void registrationNotYetInTheDetailsIsLeftOutOfTheDetailsOnly() {
        submit(feed, "r-1", "p-1", ACME, eur(100_00), FIRST);
        feed.publish(ACME, new CustomerClaimContestedEvent(ACME, "r-2", "p-2", "r-1"), SECOND);

        DealConflictView view = conflict(ACME);

        assertThat(view.claimOrder()).extracting(ClaimOrderEntry::registrationId).containsExactly("r-1", "r-2");
        assertThat(view.registrations()).extracting(DealView::registrationId).containsExactly("r-1");
    }

    @Test
    void unknownCustomerHasNoConflictView() {
        assertThat(conflict("nobody.example")).isNull();
    }

    @Test
    void redeliveredEventsChangeNothing() {
        threeRegistrationsOfAcme();
        feed.publish(ACME, new ProtectionTransferredEvent(ACME, "r-1", "r-2", "p-2"), LATER);
        feed.publish(ACME, new CustomerClaimReleasedEvent(ACME, "r-2", "lost"), LATER);
        DealConflictView before = conflict(ACME);

        feed.redeliverAll();

        assertThat(conflict(ACME)).isEqualTo(before);
        assertThat(before.holderRegistrationId()).isNull();
        assertThat(before.claimOrder()).hasSize(3);
    }

    @Test
    void resetEmptiesTheClaims() {
        threeRegistrationsOfAcme();

        feed.reset();

        assertThat(conflict(ACME)).isNull();
        assertThat(mongo.count(CustomerClaimDocument.COLLECTION)).isZero();
    }

    private DealConflictView conflict(String customerDomain) {
        return claims.handle(new FindDealConflictQuery(customerDomain)).join();
    }
}
