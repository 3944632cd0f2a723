package io.channelbook.command.commission;

import io.channelbook.api.common.ErrorKind;
import io.channelbook.api.commission.CommissionPlanCreatedEvent;
import io.channelbook.api.commission.CommissionPlanDraftUpdatedEvent;
import io.channelbook.api.commission.CommissionPlanPublishedEvent;
import io.channelbook.api.commission.CommissionPlanTerms;
import io.channelbook.api.commission.CreateCommissionPlanCommand;
import io.channelbook.api.commission.PublishCommissionPlanCommand;
import io.channelbook.api.commission.UpdateCommissionPlanDraftCommand;
import io.channelbook.command.testing.FixtureClock;
import io.channelbook.command.testing.Plans;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;

import static io.channelbook.command.testing.Violations.violation;

class CommissionPlanTest {

    private static final String PLAN = "plan-1";
    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
    private static final LocalDate TODAY = LocalDate.parse("2026-11-27");
    private static final CommissionPlanTerms TEN_PERCENT = Plans.percentOfDeal("0.10", 30);
    private static final CommissionPlanTerms TWELVE_PERCENT = Plans.percentOfDeal("0.12", 30);
    private static final CommissionPlanCreatedEvent CREATED = new CommissionPlanCreatedEvent(PLAN, "Resellers", TEN_PERCENT);
    private static final CommissionPlanPublishedEvent V1 =
            new CommissionPlanPublishedEvent(PLAN, 1, TODAY, TEN_PERCENT);

    private AggregateTestFixture<CommissionPlan> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(CommissionPlan.class);
        fixture.registerInjectableResource(new FixtureClock(fixture));
    }

    private TestExecutor<CommissionPlan> given(Object... events) {
        return fixture.givenCurrentTime(NOW).andGiven(events);
    }

    @Test
    void planIsCreatedWithItsFirstDraft() {
        fixture.givenNoPriorActivity()
                .when(new CreateCommissionPlanCommand(PLAN, "  Resellers ", TEN_PERCENT))
                .expectEvents(CREATED);
    }

    @Test
    void planNeedsAName() {
        fixture.givenNoPriorActivity()
                .when(new CreateCommissionPlanCommand(PLAN, " ", TEN_PERCENT))
                .expectException(violation("plan_name_invalid", ErrorKind.INVALID))
                .expectNoEvents();
    }

    @Test
    void negativeRateIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new CreateCommissionPlanCommand(PLAN, "Resellers", Plans.percentOfDeal("-0.05", 30)))
                .expectException(violation("plan_terms_invalid", ErrorKind.INVALID))
                .expectNoEvents();
    }

    @Test
    void draftIsPublishedAsVersionOne() {
        given(CREATED)
                .when(new PublishCommissionPlanCommand(PLAN, TODAY))
                .expectResultMessagePayload(1)
                .expectEvents(V1);
    }

    @Test
    void editingAfterPublishingStartsTheNextVersionsDraft() {
        given(CREATED, V1)
                .when(new UpdateCommissionPlanDraftCommand(PLAN, TWELVE_PERCENT))
                .expectEvents(new CommissionPlanDraftUpdatedEvent(PLAN, 2, TWELVE_PERCENT));
    }

    @Test
    void nextVersionStartsAfterThePreviousAndCarriesTheNewTerms() {
        given(CREATED, V1, new CommissionPlanDraftUpdatedEvent(PLAN, 2, TWELVE_PERCENT))
                .when(new PublishCommissionPlanCommand(PLAN, TODAY.plusMonths(1)))
                .expectResultMessagePayload(2)
                .expectEvents(new CommissionPlanPublishedEvent(PLAN, 2, TODAY.plusMonths(1), TWELVE_PERCENT));
    }

    @Test
    void overlappingEffectiveDateIsRefused() {
        given(CREATED, V1, new CommissionPlanDraftUpdatedEvent(PLAN, 2, TWELVE_PERCENT))
                .when(new PublishCommissionPlanCommand(PLAN, TODAY))
                .expectException(violation("effective_dates_overlap", ErrorKind.CONFLICT))
                .expectNoEvents();
    }

    @Test
    void versionCannotStartInThePast() {
        given(CREATED)
                .when(new PublishCommissionPlanCommand(PLAN, TODAY.minusDays(1)))
                .expectException(violation("effective_from_in_past"))
                .expectNoEvents();
    }

    @Test
    void nothingToPublishWithoutADraft() {
        given(CREATED, V1)
                .when(new PublishCommissionPlanCommand(PLAN, TODAY.plusDays(3)))
                .expectException(violation("plan_no_draft", ErrorKind.CONFLICT))
                .expectNoEvents();
    }

    @Test
    void effectiveDateIsRequired() {
        given(CREATED)
                .when(new PublishCommissionPlanCommand(PLAN, null))
                .expectException(violation("effective_from_required"))
                .expectNoEvents();
    }
}
