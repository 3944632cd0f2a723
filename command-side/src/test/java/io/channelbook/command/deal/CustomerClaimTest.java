package io.channelbook.command.deal;

import io.channelbook.api.deal.CustomerClaimContestedEvent;
import io.channelbook.api.deal.CustomerClaimReleasedEvent;
import io.channelbook.api.deal.CustomerClaimedEvent;
import io.channelbook.api.deal.ProtectionTransferredEvent;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.channelbook.command.testing.Violations.violation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CustomerClaimTest {

    private static final String DOMAIN = "acme.com";
    private static final CustomerClaimedEvent FIRST_CLAIMS = new CustomerClaimedEvent(DOMAIN, "deal-1", "partner-a");
    private static final CustomerClaimContestedEvent SECOND_CONTESTS =
            new CustomerClaimContestedEvent(DOMAIN, "deal-2", "partner-b", "deal-1");

    private AggregateTestFixture<CustomerClaim> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(CustomerClaim.class);
    }

    @Test
    void firstRegistrationClaimsTheCustomer() {
        fixture.givenNoPriorActivity()
                .whenConstructing(() -> {
                    CustomerClaim claim = new CustomerClaim();
                    assertEquals(ClaimOutcome.holding(), claim.record(DOMAIN, "deal-1", "partner-a"));
                    return claim;
                })
                .expectEvents(FIRST_CLAIMS)
                .expectState(claim -> assertEquals("deal-1", claim.holderRegistrationId()));
    }

    @Test
    void laterRegistrationContestsTheHolder() {
        fixture.given(FIRST_CLAIMS)
                .whenInvoking(DOMAIN, claim -> assertEquals(ClaimOutcome.contesting("deal-1", "partner-a"),
                        claim.record(DOMAIN, "deal-2", "partner-b")))
                .expectEvents(SECOND_CONTESTS)
                .expectState(claim -> assertEquals("deal-1", claim.holderRegistrationId()));
    }

    @Test
    void everyLaterRegistrationContestsTheSameHolderInTurn() {
        fixture.given(FIRST_CLAIMS, SECOND_CONTESTS)
                .whenInvoking(DOMAIN, claim -> claim.record(DOMAIN, "deal-3", "partner-c"))
                .expectEvents(new CustomerClaimContestedEvent(DOMAIN, "deal-3", "partner-c", "deal-1"));
    }

    @Test
    void registrationIsRecordedOnce() {
        fixture.given(FIRST_CLAIMS, SECOND_CONTESTS)
                .whenInvoking(DOMAIN, claim -> claim.record(DOMAIN, "deal-2", "partner-b"))
                .expectException(violation("deal_already_submitted"))
                .expectNoEvents();
    }

    @Test
    void holderReleasesTheClaim() {
        fixture.given(FIRST_CLAIMS, SECOND_CONTESTS)
                .whenInvoking(DOMAIN, claim -> claim.release("deal-1", "REJECTED"))
                .expectEvents(new CustomerClaimReleasedEvent(DOMAIN, "deal-1", "REJECTED"))
                .expectState(claim -> assertNull(claim.holderRegistrationId()));
    }

    @Test
    void onlyTheHolderReleases() {
        fixture.given(FIRST_CLAIMS, SECOND_CONTESTS)
                .whenInvoking(DOMAIN, claim -> claim.release("deal-2", "REJECTED"))
                .expectException(IllegalStateException.class)
                .expectNoEvents();
    }

    @Test
    void nextRegistrationClaimsAReleasedCustomerWhileEarlierContestersWait() {
        fixture.given(FIRST_CLAIMS, SECOND_CONTESTS, new CustomerClaimReleasedEvent(DOMAIN, "deal-1", "EXPIRED"))
                .whenInvoking(DOMAIN, claim -> assertEquals(ClaimOutcome.holding(),
                        claim.record(DOMAIN, "deal-3", "partner-c")))
                .expectEvents(new CustomerClaimedEvent(DOMAIN, "deal-3", "partner-c"));
    }

    @Test
    void contesterLetThroughByAManagerClaimsAFreeCustomer() {
        fixture.given(FIRST_CLAIMS, SECOND_CONTESTS, new CustomerClaimReleasedEvent(DOMAIN, "deal-1", "CLOSED_LOST"))
                .whenInvoking(DOMAIN, claim -> claim.claimFor("deal-2", "partner-b"))
                .expectEvents(new CustomerClaimedEvent(DOMAIN, "deal-2", "partner-b"))
                .expectState(claim -> assertEquals("deal-2", claim.holderRegistrationId()));
    }

    @Test
    void heldCustomerIsNotClaimedBesideItsHolder() {
        fixture.given(FIRST_CLAIMS, SECOND_CONTESTS)
                .whenInvoking(DOMAIN, claim -> claim.claimFor("deal-2", "partner-b"))
                .expectException(IllegalStateException.class)
                .expectNoEvents();
    }

    @Test
    void protectionIsTransferredFromTheHolderToAContester() {
        fixture.given(FIRST_CLAIMS, SECOND_CONTESTS)
                .whenInvoking(DOMAIN, claim -> claim.transferTo("deal-2", "partner-b"))
                .expectEvents(new ProtectionTransferredEvent(DOMAIN, "deal-1", "deal-2", "partner-b"))
                .expectState(claim -> assertEquals("deal-2", claim.holderRegistrationId()));
    }

    @Test
    void afterATransferLaterRegistrationsContestTheNewHolder() {
        fixture.given(FIRST_CLAIMS, SECOND_CONTESTS, new ProtectionTransferredEvent(DOMAIN, "deal-1", "deal-2", "partner-b"))
                .whenInvoking(DOMAIN, claim -> assertEquals(ClaimOutcome.contesting("deal-2", "partner-b"),
                        claim.record(DOMAIN, "deal-3", "partner-c")))
                .expectEvents(new CustomerClaimContestedEvent(DOMAIN, "deal-3", "partner-c", "deal-2"));
    }

    @Test
    void protectionIsTransferredOnlyToAContester() {
        fixture.given(FIRST_CLAIMS, SECOND_CONTESTS)
                .whenInvoking(DOMAIN, claim -> claim.transferTo("deal-9", "partner-x"))
                .expectException(IllegalStateException.class)
                .expectNoEvents();
        fixture.given(FIRST_CLAIMS, SECOND_CONTESTS, new ProtectionTransferredEvent(DOMAIN, "deal-1", "deal-2", "partner-b"))
                .whenInvoking(DOMAIN, claim -> claim.transferTo("deal-2", "partner-b"))
                .expectException(IllegalStateException.class)
                .expectNoEvents();
    }

    @Test
    void claimRemembersEveryRegistrationItRecorded() {
        fixture.given(FIRST_CLAIMS, SECOND_CONTESTS, new CustomerClaimReleasedEvent(DOMAIN, "deal-1", "EXPIRED"))
                .whenInvoking(DOMAIN, claim -> { })
                .expectState(claim -> {
                    assertTrue(claim.hasRecorded("deal-1"));
                    assertTrue(claim.hasRecorded("deal-2"));
                    assertFalse(claim.hasRecorded("deal-3"));
                });
    }
}
