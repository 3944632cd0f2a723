package io.channelbook.command.deal;

import io.channelbook.api.commission.ScopeKind;
import io.channelbook.api.common.ErrorKind;
import io.channelbook.api.deal.ProtectionWindowSetEvent;
import io.channelbook.api.deal.SetProtectionWindowCommand;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static io.channelbook.command.deal.ProtectionWindows.MAX_DAYS;
import static io.channelbook.command.testing.Violations.violation;
import static org.assertj.core.api.Assertions.assertThat;

class ProtectionWindowsTest {

    private static final String ID = SetProtectionWindowCommand.WINDOWS_ID;

    private AggregateTestFixture<ProtectionWindows> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ProtectionWindows.class);
    }

    @Test
    void tierWindowIsSetWithANormalizedTier() {
        fixture.givenNoPriorActivity()
                .when(new SetProtectionWindowCommand(ID, ScopeKind.TIER, " gold ", 120, "Gold partners sell longer cycles"))
                .expectEvents(new ProtectionWindowSetEvent(ID, ScopeKind.TIER, "GOLD", 120, null,
                        "Gold partners sell longer cycles"));
    }

    @Test
    void changingAndRemovingAWindowRemembersThePreviousDays() {
        fixture.given(new ProtectionWindowSetEvent(ID, ScopeKind.PARTNER, "p-1", 120, null, "x"))
                .when(new SetProtectionWindowCommand(ID, ScopeKind.PARTNER, "p-1", null, "back to the tier's"))
                .expectEvents(new ProtectionWindowSetEvent(ID, ScopeKind.PARTNER, "p-1", null, 120, "back to the tier's"));
    }

    @Test
    void sameDaysAgainChangeNothing() {
        fixture.given(new ProtectionWindowSetEvent(ID, ScopeKind.PROGRAM, "", 60, null, "x"))
                .when(new SetProtectionWindowCommand(ID, ScopeKind.PROGRAM, null, 60, "again"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void daysReasonAndScopeAreChecked() {
        fixture.givenNoPriorActivity()
                .when(new SetProtectionWindowCommand(ID, ScopeKind.TIER, "GOLD", MAX_DAYS + 1, "x"))
                .expectException(violation("protection_days_invalid", ErrorKind.INVALID))
                .expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new SetProtectionWindowCommand(ID, ScopeKind.TIER, "GOLD", 30, " "))
                .expectException(violation("reason_required"))
                .expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new SetProtectionWindowCommand(ID, ScopeKind.PARTNER, null, 30, "x"))
                .expectException(violation("scope_key_required"))
                .expectNoEvents();
    }

    @Test
    void mostSpecificWindowWins() {
        ProtectionWindows windows = new ProtectionWindows();
        windows.on(new ProtectionWindowSetEvent(ID, ScopeKind.PROGRAM, "", 60, null, "x"));
        windows.on(new ProtectionWindowSetEvent(ID, ScopeKind.TIER, "GOLD", 120, null, "x"));
        windows.on(new ProtectionWindowSetEvent(ID, ScopeKind.PARTNER, "p-1", 180, null, "x"));

        assertThat(windows.windowFor("p-1", "GOLD")).isEqualTo(Optional.of(180));
        assertThat(windows.windowFor("p-2", "GOLD")).isEqualTo(Optional.of(120));
        assertThat(windows.windowFor("p-2", null)).isEqualTo(Optional.of(60));
        windows.on(new ProtectionWindowSetEvent(ID, ScopeKind.PROGRAM, "", null, 60, "x"));
        assertThat(windows.windowFor("p-3", "SILVER")).isEmpty();
    }
}
