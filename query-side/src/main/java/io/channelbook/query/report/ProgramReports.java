package io.channelbook.query.report;

import io.channelbook.api.deal.DealStatus;
import io.channelbook.api.deal.DealTouch;
import io.channelbook.api.deal.TouchType;
import io.channelbook.api.money.Money;
import io.channelbook.api.report.AttributionModel;
import io.channelbook.api.report.AttributionRow;
import io.channelbook.api.report.CommissionRoiRow;
import io.channelbook.api.report.PipelineRow;
import io.channelbook.api.report.ReportFilters;
import io.channelbook.api.report.RevenueMonth;
import io.channelbook.api.report.TierProgressRow;
import io.channelbook.api.report.TierThreshold;
import io.channelbook.api.report.TouchWeights;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** The program reports as pure functions of a folded history (see {@link ProgramHistory}). */
final class ProgramReports {

    private static final String SEP = "\u0000";

    private ProgramReports() {
    }

    /**
     * Open registrations (SUBMITTED, CONFLICT, APPROVED) per registrant, stage and currency of the estimated value;
     * the tier is the partner's current one. The product filter keeps deals that registered the product.
     */
    static List<PipelineRow> pipeline(ProgramHistory history, ReportFilters filters) {
        Map<String, Object[]> rows = new TreeMap<>();
        for (ProgramHistory.Deal deal : history.deals.values()) {
            if (!deal.status.isOpen() || deal.estimatedValue == null) {
                continue;
            }
            String partnerId = deal.registrantId;
            String tier = history.tierOf(partnerId);
            String currency = deal.estimatedValue.currency().getCurrencyCode();
            if (!AttributionReport.matches(withoutProduct(filters), partnerId, tier, null, currency)
                    || (filters != null && filters.product() != null && !deal.products.contains(filters.product()))) {
                continue;
            }
            Object[] row = rows.computeIfAbsent(String.join(SEP, partnerId, deal.status.name(), currency),
                    key -> new Object[]{partnerId, tier, deal.status, currency, 0, Money.zero(deal.estimatedValue.currency())});
            row[4] = (Integer) row[4] + 1;
            row[5] = ((Money) row[5]).plus(deal.estimatedValue);
        }
        return rows.values().stream()
                .map(row -> new PipelineRow((String) row[0], history.nameOf((String) row[0]), (String) row[1],
                        (DealStatus) row[2], (String) row[3], (Integer) row[4], (Money) row[5]))
                .toList();
    }

    /**
     * Per month of close and currency: the net revenue of the won deals counted once per column. A deal counts as
     * sourced, influenced or delivered when it has a touch of that type whose partner passes the partner and tier
     * filters (tier at close); with a product filter only that product's part of the deal counts.
     */
    static List<RevenueMonth> revenueOverTime(ProgramHistory history, LocalDate from, LocalDate to,
                                              ReportFilters filters) {
        Map<String, long[]> months = new TreeMap<>();
        for (ProgramHistory.Deal deal : history.deals.values()) {
            if (!deal.won() || !AttributionReport.inPeriod(deal.closeDate, from, to)) {
                continue;
            }
            Money net = deal.net();
            String currency = net.currency().getCurrencyCode();
            if (filters != null && filters.currency() != null && !filters.currency().equalsIgnoreCase(currency)) {
                continue;
            }
            long amount = net.amountMinor();
            if (filters != null && filters.product() != null) {
                Map<String, Long> products = AttributionReport.productWeights(deal);
                List<String> names = new ArrayList<>(products.keySet());
                int index = names.indexOf(filters.product());
                if (index < 0) {
                    continue;
                }
                amount = net.allocate(products.values().stream().mapToLong(Long::longValue).toArray())
                        .get(index).amountMinor();
            }
            Map<TouchType, Boolean> counted = new EnumMap<>(TouchType.class);
            for (DealTouch touch : deal.credited) {
                if (AttributionReport.matches(withoutProductAndCurrency(filters), touch.partnerId(),
                        deal.tiersAtClose.get(touch.partnerId()), null, null)) {
                    counted.put(touch.type(), true);
                }
            }
            if (counted.isEmpty()) {
                continue;
            }
            long[] month = months.computeIfAbsent(deal.period() + SEP + currency, key -> new long[4]);
            for (TouchType type : counted.keySet()) {
                month[type.ordinal()] += amount;
            }
            month[3]++;
        }
        List<RevenueMonth> result = new ArrayList<>();
        months.forEach((key, values) -> {
            String[] parts = key.split(SEP);
            result.add(new RevenueMonth(parts[0], parts[1], Money.ofMinor(values[0], parts[1]),
                    Money.ofMinor(values[1], parts[1]), Money.ofMinor(values[2], parts[1]), (int) values[3]));
        });
        return List.copyOf(result);
    }

    record Roi(List<CommissionRoiRow> partners, List<CommissionRoiRow> tiers) {
    }

    /**
     * Per partner (tier: its current one) and currency: commission accrued, reversed and adjusted with a date in
     * {@code [from, to]} ({@link ProgramHistory}), against the revenue attributed to it by the model for deals closed
     * in the period. Tier rows add up the partner rows of each tier. The product filter does not apply (commission
     * is not kept per product).
     */
    static Roi commissionRoi(ProgramHistory history, LocalDate from, LocalDate to, AttributionModel model,
                             TouchWeights weights, ReportFilters filters) {
        Map<String, long[]> byPartner = new TreeMap<>();
        List<AttributionRow> attributed = AttributionReport.compute(history, model, weights, from, to,
                ReportFilters.NONE).rows();
        for (AttributionRow row : attributed) {
            byPartner.computeIfAbsent(row.partnerId() + SEP + row.currency(), key -> new long[4])[3]
                    += row.attributed().amountMinor();
        }
        for (ProgramHistory.Movement movement : history.movements) {
            if (!AttributionReport.inPeriod(movement.date(), from, to)) {
                continue;
            }
            long[] line = byPartner.computeIfAbsent(
                    movement.partnerId() + SEP + movement.amount().currency().getCurrencyCode(), key -> new long[4]);
            line[movement.kind().ordinal()] += movement.amount().amountMinor();
        }
        List<CommissionRoiRow> partners = new ArrayList<>();
        Map<String, long[]> byTier = new TreeMap<>();
        byPartner.forEach((key, values) -> {
            String[] parts = key.split(SEP);
            String tier = history.tierOf(parts[0]);
            if (!AttributionReport.matches(withoutProduct(filters), parts[0], tier, null, parts[1])) {
                return;
            }
            partners.add(roiRow(parts[0], history.nameOf(parts[0]), tier, parts[1], values));
            long[] tierLine = byTier.computeIfAbsent(Objects.toString(tier, "") + SEP + parts[1], k -> new long[4]);
            for (int i = 0; i < values.length; i++) {
                tierLine[i] += values[i];
            }
        });
        List<CommissionRoiRow> tiers = new ArrayList<>();
        byTier.forEach((key, values) -> {
            String[] parts = key.split(SEP, -1);
            tiers.add(roiRow(null, null, parts[0].isEmpty() ? null : parts[0], parts[1], values));
        });
        return new Roi(List.copyOf(partners), List.copyOf(tiers));
    }

    private static CommissionRoiRow roiRow(String partnerId, String name, String tier, String currency, long[] v) {
        long cost = v[0] + v[1] + v[2];
        BigDecimal roi = cost > 0 ? BigDecimal.valueOf(v[3]).divide(BigDecimal.valueOf(cost), 2, RoundingMode.HALF_EVEN) : null;
        BigDecimal ratio = v[3] > 0 ? BigDecimal.valueOf(cost).divide(BigDecimal.valueOf(v[3]), 4, RoundingMode.HALF_EVEN) : null;
        return new CommissionRoiRow(partnerId, name, tier, currency, Money.ofMinor(v[0], currency),
                Money.ofMinor(v[1], currency), Money.ofMinor(v[2], currency), Money.ofMinor(cost, currency),
                Money.ofMinor(v[3], currency), roi, ratio);
    }

    /**
     * Each partner's volume per currency: the net revenue of the deals it registered that were won with a close date
     * in {@code [from, to]}. Every registered partner gets a row in each threshold currency, with zero volume when it
     * sold nothing. The highest threshold reached names the qualified tier; the lowest one above the volume is next.
     */
    static List<TierProgressRow> tierProgress(ProgramHistory history, LocalDate from, LocalDate to,
                                              List<TierThreshold> thresholds, ReportFilters filters) {
        Map<String, long[]> volumes = new TreeMap<>();
        Set<String> thresholdCurrencies = new TreeSet<>();
        thresholds.forEach(threshold -> thresholdCurrencies.add(threshold.volume().currency().getCurrencyCode()));
        history.partners.keySet().forEach(partnerId -> thresholdCurrencies
                .forEach(currency -> volumes.put(partnerId + SEP + currency, new long[1])));
        for (ProgramHistory.Deal deal : history.deals.values()) {
            if (deal.won() && AttributionReport.inPeriod(deal.closeDate, from, to)) {
                volumes.computeIfAbsent(deal.registrantId + SEP + deal.net().currency().getCurrencyCode(),
                        key -> new long[1])[0] += deal.net().amountMinor();
            }
        }
        List<TierProgressRow> rows = new ArrayList<>();
        volumes.forEach((key, volume) -> {
            String[] parts = key.split(SEP);
            String tier = history.tierOf(parts[0]);
            if (!AttributionReport.matches(withoutProduct(filters), parts[0], tier, null, parts[1])) {
                return;
            }
            Money reached = Money.ofMinor(volume[0], parts[1]);
            List<TierThreshold> ladder = thresholds.stream()
                    .filter(threshold -> threshold.volume().currency().equals(reached.currency()))
                    .sorted(Comparator.comparing(TierThreshold::volume)).toList();
            TierThreshold qualified = null;
            TierThreshold next = null;
            for (TierThreshold step : ladder) {
                if (reached.compareTo(step.volume()) >= 0) {
                    qualified = step;
                } else if (next == null) {
                    next = step;
                }
            }
            BigDecimal percent = next == null || next.volume().signum() <= 0 ? null
                    : BigDecimal.valueOf(reached.amountMinor()).multiply(BigDecimal.valueOf(100))
                    .divide(BigDecimal.valueOf(next.volume().amountMinor()), 2, RoundingMode.HALF_EVEN);
            rows.add(new TierProgressRow(parts[0], history.nameOf(parts[0]), tier, parts[1], reached,
                    qualified == null ? null : qualified.tier(), next == null ? null : next.tier(),
                    next == null ? null : next.volume(), next == null ? null : next.volume().minus(reached), percent));
        });
        return List.copyOf(rows);
    }

    private static ReportFilters withoutProduct(ReportFilters filters) {
        return filters == null ? null : new ReportFilters(filters.partnerId(), filters.tier(), null, filters.currency());
    }

    private static ReportFilters withoutProductAndCurrency(ReportFilters filters) {
        return filters == null ? null : new ReportFilters(filters.partnerId(), filters.tier(), null, null);
    }
}
