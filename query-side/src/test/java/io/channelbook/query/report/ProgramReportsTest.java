package io.channelbook.query.report;

import io.channelbook.api.deal.CloseSource;
import io.channelbook.api.deal.DealClosedWonEvent;
import io.channelbook.api.deal.DealRefundedEvent;
import io.channelbook.api.deal.DealStatus;
import io.channelbook.api.deal.LineItem;
import io.channelbook.api.deal.TouchType;
import io.channelbook.api.ledger.CommissionAccruedEvent;
import io.channelbook.api.ledger.CommissionReversedEvent;
import io.channelbook.api.ledger.EntryKind;
import io.channelbook.api.ledger.EntryStatus;
import io.channelbook.api.ledger.LedgerAdjustedEvent;
import io.channelbook.api.money.Money;
import io.channelbook.api.partner.PartnerTierChangedEvent;
import io.channelbook.api.report.AttributionModel;
import io.channelbook.api.report.CommissionRoiReport;
import io.channelbook.api.report.FindCommissionRoiQuery;
import io.channelbook.api.report.FindPipelineContributionQuery;
import io.channelbook.api.report.FindRevenueOverTimeQuery;
import io.channelbook.api.report.FindTierProgressQuery;
import io.channelbook.api.report.PipelineContributionReport;
import io.channelbook.api.report.ReportFilters;
import io.channelbook.api.report.RevenueMonth;
import io.channelbook.api.report.RevenueOverTimeReport;
import io.channelbook.api.report.TierProgressReport;
import io.channelbook.api.report.TierThreshold;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static io.channelbook.query.report.ReportEvents.eur;
import static io.channelbook.query.report.ReportEvents.sourced;
import static io.channelbook.query.report.ReportEvents.touch;
import static org.assertj.core.api.Assertions.assertThat;

/** The program reports replayed from a real (in-memory) event store, checked on written-out numbers. */
class ProgramReportsTest {

    private static final Instant NOW = Instant.parse("2026-07-01T08:00:00Z");
    private EmbeddedEventStore eventStore;
    private ReportEvents events;
    private ProgramReportHandlers reports;

    @BeforeEach
    void setUp() {
        eventStore = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        events = new ReportEvents(eventStore, Instant.parse("2026-03-01T08:00:00Z"));
        reports = new ProgramReportHandlers(eventStore, Clock.fixed(NOW, ZoneOffset.UTC));
        history();
    }

    @AfterEach
    void tearDown() {
        reports.shutDown();
        eventStore.shutDown();
    }

    private void history() {
        events.partner("p-a", "Alpha GmbH");
        events.partner("p-b", "Beta Ltd");
        events.append("p-a", new PartnerTierChangedEvent("p-a", "GOLD", null, "start"));
        // won in March: 1,000.00 by p-a, p-b influenced; 250.00 refunded
        events.registered("d-1", "p-a", eur(900_00), "PRO");
        events.approved("d-1", "p-a");
        events.won("d-1", "p-a", eur(1_000_00), LocalDate.parse("2026-03-10"),
                List.of(new LineItem("PRO", eur(1_000_00), false, null)),
                List.of(sourced("p-a"), touch("t-1", "p-b", TouchType.INFLUENCED)));
        events.append("d-1", new DealRefundedEvent("d-1", "p-a", eur(250_00), eur(250_00), "CN-1", CloseSource.CRM,
                eur(1_000_00), List.of("p-a", "p-b")));
        // won in April by p-b alone
        events.registered("d-2", "p-b", eur(400_00), "PRO");
        events.approved("d-2", "p-b");
        events.won("d-2", "p-b", eur(400_00), LocalDate.parse("2026-04-02"), List.of(), List.of(sourced("p-b")));
        // open: one approved, one submitted, one rejected (not open)
        events.registered("d-3", "p-a", eur(5_000_00), "PRO");
        events.approved("d-3", "p-a");
        events.registered("d-4", "p-a", eur(2_000_00), "SUPPORT");
        events.registered("d-5", "p-b", eur(7_000_00), "PRO");
        events.append("d-5", new io.channelbook.api.deal.DealRegistrationRejectedEvent("d-5", "p-b", "d-5.example",
                "DUPLICATE", "duplicate"));
        // commission: p-a accrues 100.00 in March, 25.00 reversed by the refund, finance adds 5.00
        events.append("ledger-p-a", new CommissionAccruedEvent("ledger-p-a", "p-a", "e-1", EntryKind.ACCRUAL, "d-1",
                eur(100_00), LocalDate.parse("2026-03-10"), "2026-03", NOW, null, eur(1_000_00)));
        events.append("ledger-p-a", new CommissionReversedEvent("ledger-p-a", "p-a", "r-1", "e-1", "d-1",
                eur(-25_00), EntryStatus.PENDING, "refund", "25% refunded"));
        events.append("ledger-p-a", new LedgerAdjustedEvent("ledger-p-a", "p-a", "a-1", eur(5_00), "goodwill"));
    }

    @Test
    void pipelineShowsOpenRegistrationsByStageAndExpectedValue() throws Exception {
        PipelineContributionReport report = reports.handle(new FindPipelineContributionQuery(null, ReportFilters.NONE))
                .get(10, TimeUnit.SECONDS);

        assertThat(report.rows()).extracting(row -> row.partnerId() + " " + row.stage() + " " + row.deals() + " "
                        + row.expectedValue() + " " + row.tier())
                .containsExactly("p-a APPROVED 1 5000.00 EUR GOLD", "p-a SUBMITTED 1 2000.00 EUR GOLD");
        assertThat(report.asOf()).isEqualTo(NOW);
        assertThat(report.position()).isEqualTo(events.recorded.size() - 1L);

        PipelineContributionReport support = reports.handle(new FindPipelineContributionQuery(null,
                new ReportFilters(null, null, "SUPPORT", null))).get(10, TimeUnit.SECONDS);
        assertThat(support.rows()).singleElement().satisfies(row -> assertThat(row.stage()).isEqualTo(DealStatus.SUBMITTED));
    }

    @Test
    void revenueOverTimeEqualsABruteForceSumOfNetWonRevenuePerMonth() throws Exception {
        RevenueOverTimeReport report = reports.handle(new FindRevenueOverTimeQuery(null, null, null, ReportFilters.NONE))
                .get(10, TimeUnit.SECONDS);

        Map<String, Long> net = new TreeMap<>();
        Map<String, Money> refunds = new HashMap<>();
        events.recorded.forEach(recorded -> {
            if (recorded.payload() instanceof DealRefundedEvent refund) {
                refunds.put(refund.registrationId(), refund.totalRefunded());
            }
        });
        events.recorded.forEach(recorded -> {
            if (recorded.payload() instanceof DealClosedWonEvent won) {
                net.merge(won.closeDate().toString().substring(0, 7), won.amount().amountMinor()
                        - refunds.getOrDefault(won.registrationId(), eur(0)).amountMinor(), Long::sum);
            }
        });
        assertThat(report.months()).extracting(RevenueMonth::period).containsExactly("2026-03", "2026-04");
        report.months().forEach(month -> assertThat(month.sourced().amountMinor()).isEqualTo(net.get(month.period())));
        assertThat(report.months().get(0).influenced()).isEqualTo(eur(750_00));
        assertThat(report.months().get(1).influenced()).isEqualTo(eur(0));

        RevenueOverTimeReport ofB = reports.handle(new FindRevenueOverTimeQuery(null, null, null,
                new ReportFilters("p-b", null, null, null))).get(10, TimeUnit.SECONDS);
        // p-b sourced only April's deal and influenced March's
        assertThat(ofB.months().get(0).sourced()).isEqualTo(eur(0));
        assertThat(ofB.months().get(0).influenced()).isEqualTo(eur(750_00));
        assertThat(ofB.months().get(1).sourced()).isEqualTo(eur(400_00));
    }

    @Test
    void commissionCostIsNetOfReversalsAndComparedWithAttributedRevenue() throws Exception {
        CommissionRoiReport report = reports.handle(new FindCommissionRoiQuery(null, null, null,
                AttributionModel.SOURCED_ONLY, null, ReportFilters.NONE)).get(10, TimeUnit.SECONDS);

        assertThat(report.partners()).filteredOn(row -> row.partnerId().equals("p-a")).singleElement().satisfies(row -> {
            assertThat(row.accrued()).isEqualTo(eur(100_00));
            assertThat(row.reversed()).isEqualTo(eur(-25_00));
            assertThat(row.adjusted()).isEqualTo(eur(5_00));
            assertThat(row.cost()).isEqualTo(eur(80_00));
            assertThat(row.attributedRevenue()).isEqualTo(eur(750_00));
            assertThat(row.roi()).isEqualByComparingTo(new BigDecimal("9.38"));
            assertThat(row.costRatio()).isEqualByComparingTo(new BigDecimal("0.1067"));
        });
        assertThat(report.tiers()).extracting(row -> row.tier() + " " + row.cost() + " " + row.attributedRevenue())
                .containsExactly("null 0.00 EUR 400.00 EUR", "GOLD 80.00 EUR 750.00 EUR");
    }

    @Test
    void tierProgressComparesPeriodVolumeWithTheThresholds() throws Exception {
        List<TierThreshold> thresholds = List.of(new TierThreshold("SILVER", eur(500_00)),
                new TierThreshold("GOLD", eur(1_000_00)));

        TierProgressReport report = reports.handle(new FindTierProgressQuery(LocalDate.parse("2026-01-01"),
                LocalDate.parse("2026-12-31"), null, thresholds, ReportFilters.NONE)).get(10, TimeUnit.SECONDS);

        assertThat(report.rows()).filteredOn(row -> row.partnerId().equals("p-a")).singleElement().satisfies(row -> {
            assertThat(row.volume()).isEqualTo(eur(750_00));
            assertThat(row.qualifiedTier()).isEqualTo("SILVER");
            assertThat(row.nextTier()).isEqualTo("GOLD");
            assertThat(row.remaining()).isEqualTo(eur(250_00));
            assertThat(row.percentOfNext()).isEqualByComparingTo(new BigDecimal("75.00"));
        });
        assertThat(report.rows()).filteredOn(row -> row.partnerId().equals("p-b")).singleElement().satisfies(row -> {
            assertThat(row.volume()).isEqualTo(eur(400_00));
            assertThat(row.qualifiedTier()).isNull();
            assertThat(row.nextTier()).isEqualTo("SILVER");
        });
    }
}
