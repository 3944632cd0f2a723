package io.channelbook.ui.web.ledger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.channelbook.api.ledger.LedgerAuditReport;
import io.channelbook.api.ledger.LedgerDifference;
import io.channelbook.api.ledger.RunLedgerAuditQuery;
import io.channelbook.api.money.Money;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class LedgerAuditRunnerTest {

    private final QueryGateway queries = mock(QueryGateway.class);
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final List<Integer> exits = new ArrayList<>();

    @Test
    void noDifferencesPrintsTheReportAndExitsZero() throws Exception {
        answer(report(List.of()));

        runner(List.of(), Duration.ofSeconds(5)).run(null);

        assertThat(exits).containsExactly(0);
        Map<?, ?> json = new ObjectMapper().readValue(printed.toString(StandardCharsets.UTF_8), Map.class);
        assertThat(json.get("partnersChecked")).isEqualTo(2);
        assertThat(json.get("differences")).isEqualTo(List.of());
    }

    @Test
    void aDifferenceExitsOne() {
        answer(report(List.of(new LedgerDifference("p-1", "EUR", "payable", Money.ofMinor(100, "EUR"), Money.ofMinor(90, "EUR")))));

        runner(List.of(), Duration.ofSeconds(5)).run(null);

        assertThat(exits).containsExactly(1);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("\"payable\"");
    }

    @Test
    void aFailedOrMissingAuditExitsOne() {
        when(queries.query(any(RunLedgerAuditQuery.class), LedgerAuditRunnerTest.<ResponseType<LedgerAuditReport>>anyType()))
                .thenReturn(CompletableFuture.failedFuture(new IllegalStateException("no auditor")));
        runner(List.of(), Duration.ofSeconds(5)).run(null);

        answer(null);
        runner(List.of(), Duration.ofSeconds(5)).run(null);

        assertThat(exits).containsExactly(1, 1);
        assertThat(printed.size()).isZero();
    }

    @Test
    void waitsForTheProcessorsToCatchUp() {
        answer(report(List.of()));
        AtomicInteger polls = new AtomicInteger();
        StreamingEventProcessor processor = mock(StreamingEventProcessor.class);
        when(processor.isRunning()).thenReturn(true);
        EventTrackerStatus behind = status(false);
        EventTrackerStatus caughtUp = status(true);
        when(processor.processingStatus()).thenAnswer(call -> polls.incrementAndGet() < 3
                ? Map.of(0, behind) : Map.of(0, caughtUp, 1, caughtUp));

        runner(List.of(processor), Duration.ofSeconds(10)).run(null);

        assertThat(exits).containsExactly(0);
        assertThat(polls.get()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void givesUpWhenTheProcessorsDoNotCatchUpInTime() {
        StreamingEventProcessor processor = mock(StreamingEventProcessor.class);
        when(processor.isRunning()).thenReturn(true);
        when(processor.processingStatus()).thenReturn(Map.of());

        runner(List.of(processor), Duration.ofMillis(300)).run(null);

        assertThat(exits).containsExactly(1);
        verify(queries, never()).query(any(RunLedgerAuditQuery.class), LedgerAuditRunnerTest.<ResponseType<LedgerAuditReport>>anyType());
    }

    @Test
    void stoppedProcessorsAreNotWaitedFor() {
        StreamingEventProcessor stopped = mock(StreamingEventProcessor.class);
        when(stopped.isRunning()).thenReturn(false);
        assertThat(LedgerAuditRunner.caughtUp(List.of(stopped))).isTrue();
        assertThat(LedgerAuditRunner.caughtUp(List.of())).isTrue();
    }

    private LedgerAuditRunner runner(Collection<StreamingEventProcessor> processors, Duration timeout) {
        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());
        return new LedgerAuditRunner(queries, () -> processors, json, timeout,
                new PrintStream(printed, true, StandardCharsets.UTF_8), exits::add);
    }

    private void answer(LedgerAuditReport report) {
        when(queries.query(any(RunLedgerAuditQuery.class), LedgerAuditRunnerTest.<ResponseType<LedgerAuditReport>>anyType()))
                .thenReturn(CompletableFuture.completedFuture(report));
    }

    private static LedgerAuditReport report(List<LedgerDifference> differences) {
        return new LedgerAuditReport(Instant.parse("2026-11-27T10:00:00Z"), Instant.parse("2026-11-27T10:00:01Z"), 120, 40, 2, differences);
    }

    private static EventTrackerStatus status(boolean caughtUp) {
        EventTrackerStatus status = mock(EventTrackerStatus.class);
        when(status.isCaughtUp()).thenReturn(caughtUp);
        return status;
    }

    private static <T> T anyType() {
        return org.mockito.ArgumentMatchers.any();
    }
}
