package io.channelbook.command.partner;

import io.channelbook.api.partner.ActivatePartnerCommand;
import io.channelbook.api.partner.ChangePartnerTierCommand;
import io.channelbook.api.partner.PartnerActivatedEvent;
import io.channelbook.api.partner.PartnerRegisteredEvent;
import io.channelbook.api.partner.PartnerSuspendedEvent;
import io.channelbook.api.partner.PartnerTierChangedEvent;
import io.channelbook.api.partner.PrimaryContact;
import io.channelbook.api.partner.ProgramType;
import io.channelbook.api.partner.RegisterPartnerCommand;
import io.channelbook.api.partner.SuspendPartnerCommand;
import io.channelbook.command.DomainRuleViolation;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PartnerTest {

    private static final String ID = "partner-1";
    private static final PrimaryContact CONTACT = new PrimaryContact("Ana Berg", "ana@acme.de");
    private static final PartnerRegisteredEvent REGISTERED =
            new PartnerRegisteredEvent(ID, "Acme GmbH", "DE", "acme.de", ProgramType.RESELLER, CONTACT);

    private AggregateTestFixture<Partner> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Partner.class);
    }

    @Test
    void registeredPartnerStartsOnboarding() {
        fixture.givenNoPriorActivity()
                .when(new RegisterPartnerCommand(ID, "  Acme GmbH ", "DE", "acme.de", ProgramType.RESELLER, CONTACT))
                .expectSuccessfulHandlerExecution()
                .expectEvents(REGISTERED);
    }

    @Test
    void partnerMovesToANormalizedTier() {
        fixture.given(REGISTERED)
                .when(new ChangePartnerTierCommand(ID, " gold ", "Met the Q3 target"))
                .expectEvents(new PartnerTierChangedEvent(ID, "GOLD", null, "Met the Q3 target"));
    }

    @Test
    void sameTierAgainChangesNothing() {
        fixture.given(REGISTERED, new PartnerTierChangedEvent(ID, "GOLD", null, "Met the Q3 target"))
                .when(new ChangePartnerTierCommand(ID, "Gold", "again"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void tierCanBeRemoved() {
        fixture.given(REGISTERED, new PartnerTierChangedEvent(ID, "GOLD", null, "Met the Q3 target"))
                .when(new ChangePartnerTierCommand(ID, null, "Program change"))
                .expectEvents(new PartnerTierChangedEvent(ID, null, "GOLD", "Program change"));
    }

    @Test
    void tierNameIsCheckedAndNeedsAReason() {
        fixture.given(REGISTERED)
                .when(new ChangePartnerTierCommand(ID, "gold; drop table", "x"))
                .expectException(violation("tier_invalid"))
                .expectNoEvents();
        fixture.given(REGISTERED)
                .when(new ChangePartnerTierCommand(ID, "GOLD", " "))
                .expectException(violation("reason_required"))
                .expectNoEvents();
    }

    @Test
    void registrationNeedsALegalName() {
        fixture.givenNoPriorActivity()
                .when(new RegisterPartnerCommand(ID, " ", "DE", "acme.de", ProgramType.RESELLER, CONTACT))
                .expectException(violation("legal_name_required"))
                .expectNoEvents();
    }

    @Test
    void registrationNeedsAnIsoCountry() {
        fixture.givenNoPriorActivity()
                .when(new RegisterPartnerCommand(ID, "Acme GmbH", "Germany", "acme.de", ProgramType.RESELLER, CONTACT))
                .expectException(violation("country_invalid"))
                .expectNoEvents();
    }

    @Test
    void registrationNeedsANormalizedDomain() {
        fixture.givenNoPriorActivity()
                .when(new RegisterPartnerCommand(ID, "Acme GmbH", "DE", "https://www.Acme.de", ProgramType.RESELLER, CONTACT))
                .expectException(violation("website_domain_invalid"))
                .expectNoEvents();
    }

    @Test
    void registrationNeedsAProgramType() {
        fixture.givenNoPriorActivity()
                .when(new RegisterPartnerCommand(ID, "Acme GmbH", "DE", "acme.de", null, CONTACT))
                .expectException(violation("program_type_required"))
                .expectNoEvents();
    }

    @Test
    void registrationNeedsAContactWithAnEmailAddress() {
        fixture.givenNoPriorActivity()
                .when(new RegisterPartnerCommand(ID, "Acme GmbH", "DE", "acme.de", ProgramType.REFERRAL,
                        new PrimaryContact("Ana", "not-an-address")))
                .expectException(violation("primary_contact_invalid"))
                .expectNoEvents();
    }

    @Test
    void onboardingPartnerIsActivatedWithAReason() {
        fixture.given(REGISTERED)
                .when(new ActivatePartnerCommand(ID, " agreement signed "))
                .expectEvents(new PartnerActivatedEvent(ID, "agreement signed"));
    }

    @Test
    void cannotActivateAnActivePartner() {
        fixture.given(REGISTERED, new PartnerActivatedEvent(ID, "signed"))
                .when(new ActivatePartnerCommand(ID, "again"))
                .expectException(violation("partner_already_active"))
                .expectNoEvents();
    }

    @Test
    void activePartnerIsSuspendedWithAReason() {
        fixture.given(REGISTERED, new PartnerActivatedEvent(ID, "signed"))
                .when(new SuspendPartnerCommand(ID, "unpaid invoices"))
                .expectEvents(new PartnerSuspendedEvent(ID, "unpaid invoices"));
    }

    @Test
    void onboardingPartnerCanBeSuspended() {
        fixture.given(REGISTERED)
                .when(new SuspendPartnerCommand(ID, "failed background check"))
                .expectEvents(new PartnerSuspendedEvent(ID, "failed background check"));
    }

    @Test
    void cannotSuspendASuspendedPartner() {
        fixture.given(REGISTERED, new PartnerSuspendedEvent(ID, "unpaid invoices"))
                .when(new SuspendPartnerCommand(ID, "still unpaid"))
                .expectException(violation("partner_already_suspended"))
                .expectNoEvents();
    }

    @Test
    void suspendedPartnerCanBeActivatedAgain() {
        fixture.given(REGISTERED, new PartnerActivatedEvent(ID, "signed"), new PartnerSuspendedEvent(ID, "unpaid"))
                .when(new ActivatePartnerCommand(ID, "invoices paid"))
                .expectEvents(new PartnerActivatedEvent(ID, "invoices paid"));
    }

    @Test
    void statusChangeNeedsAReason() {
        fixture.given(REGISTERED)
                .when(new ActivatePartnerCommand(ID, "  "))
                .expectException(violation("reason_required"))
                .expectNoEvents();
        fixture.given(REGISTERED)
                .when(new SuspendPartnerCommand(ID, null))
                .expectException(violation("reason_required"))
                .expectNoEvents();
    }

    static Matcher<DomainRuleViolation> violation(String code) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(DomainRuleViolation item) {
                return code.equals(item.code());
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a DomainRuleViolation with code ").appendValue(code);
            }
        };
    }
}
