package io.channelbook.ui.web.ledger;

import io.channelbook.ui.web.problem.ApiProblem;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LedgerParamsTest {

    @Test
    void acceptsInstantsOffsetsAndDates() {
        assertThat(LedgerParams.instant("asOf", "2026-11-01T10:15:30Z")).isEqualTo(Instant.parse("2026-11-01T10:15:30Z"));
        assertThat(LedgerParams.instant("asOf", "2026-11-01T10:15:30.5Z")).isEqualTo(Instant.parse("2026-11-01T10:15:30.500Z"));
        assertThat(LedgerParams.instant("asOf", "2026-11-01T12:15:30+02:00")).isEqualTo(Instant.parse("2026-11-01T10:15:30Z"));
        assertThat(LedgerParams.instant("asOf", "2026-11-01")).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
        assertThat(LedgerParams.instant("asOf", " ")).isNull();
        assertThat(LedgerParams.instant("asOf", null)).isNull();
    }

    @Test
    void refusesAnythingElseWith400() {
        for (String bad : new String[]{"yesterday", "2026-13-01", "2026-11-01T25:00:00Z", "1700000000", "2026-11-01 10:00"}) {
            assertThatThrownBy(() -> LedgerParams.instant("asOf", bad))
                    .as(bad)
                    .isInstanceOfSatisfying(ApiProblem.class, problem -> {
                        assertThat(problem.getStatusCode().value()).isEqualTo(400);
                        assertThat(problem.getBody().getProperties()).containsEntry("code", "invalid_instant");
                        assertThat(problem.getBody().getDetail()).startsWith("asOf must be");
                    });
        }
    }

    @Test
    void aRangeMustEndAfterItStarts() {
        Instant day = Instant.parse("2026-11-01T00:00:00Z");
        LedgerParams.range(day, day.plusSeconds(1));
        LedgerParams.range(null, day);
        LedgerParams.range(day, null);
        assertThatThrownBy(() -> LedgerParams.range(day, day))
                .isInstanceOfSatisfying(ApiProblem.class, problem ->
                        assertThat(problem.getBody().getProperties()).containsEntry("code", "invalid_range"));
    }
}
