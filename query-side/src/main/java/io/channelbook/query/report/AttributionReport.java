package io.channelbook.query.report;

import io.channelbook.api.deal.DealTouch;
import io.channelbook.api.deal.LineItem;
import io.channelbook.api.money.Money;
import io.channelbook.api.report.AttributionComparisonRow;
import io.channelbook.api.report.AttributionModel;
import io.channelbook.api.report.AttributionRow;
import io.channelbook.api.report.AttributionTotal;
import io.channelbook.api.report.ReportFilters;
import io.channelbook.api.report.TouchWeights;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Attribution rows from a folded history: for every deal won with a close date in the period, its net revenue (won
 * less refunded) is split over its credited touches by the model ({@link Attribution}), and each touch's share, as
 * well as the deal's net for the sourced / influenced / delivered columns, is split over the deal's products, again
 * to the cent.
 * <p>
 * Products: the won deal's line items, weighted by amount (a recurring line by amount times its term in months);
 * without line items, the registered products in equal parts; without those, one row with product {@code null}.
 * A row's tier is the partner's tier when the deal was won. Filters select rows of the result afterwards.
 */
final class AttributionReport {

    record Result(List<AttributionRow> rows, List<AttributionTotal> totals) {
    }

    private AttributionReport() {
    }

    static Result compute(ProgramHistory history, AttributionModel model, TouchWeights weights, LocalDate from,
                          LocalDate to, ReportFilters filters) {
        Map<String, Accumulator> rows = new TreeMap<>();
        for (ProgramHistory.Deal deal : history.deals.values()) {
            if (!deal.won() || !inPeriod(deal.closeDate, from, to)) {
                continue;
            }
            Money net = deal.net();
            List<Money> shares = Attribution.split(net, deal.credited, model, weights);
            Map<String, Long> products = productWeights(deal);
            long[] productRatios = products.values().stream().mapToLong(Long::longValue).toArray();
            List<String> productNames = new ArrayList<>(products.keySet());
            List<Money> netByProduct = net.allocate(productRatios);
            for (int t = 0; t < deal.credited.size(); t++) {
                DealTouch touch = deal.credited.get(t);
                List<Money> shareByProduct = shares.get(t).allocate(productRatios);
                String tier = deal.tiersAtClose.get(touch.partnerId());
                for (int p = 0; p < productNames.size(); p++) {
                    Accumulator row = rows.computeIfAbsent(
                            key(touch.partnerId(), tier, productNames.get(p), deal.period(), net.currency().getCurrencyCode()),
                            k -> new Accumulator());
                    if (row.partnerId == null) {
                        row.partnerId = touch.partnerId();
                        row.tier = tier;
                        row.product = productNames.get(p);
                        row.period = deal.period();
                        row.currency = net.currency().getCurrencyCode();
                    }
                    long netOfProduct = netByProduct.get(p).amountMinor();
                    switch (touch.type()) {
                        case SOURCED -> row.sourced += netOfProduct;
                        case INFLUENCED -> row.influenced += netOfProduct;
                        case DELIVERED -> row.delivered += netOfProduct;
                    }
                    row.attributed += shareByProduct.get(p).amountMinor();
                    row.deals.add(deal.registrationId);
                }
            }
        }
        List<AttributionRow> result = new ArrayList<>();
        Map<String, Accumulator> totals = new TreeMap<>();
        for (Accumulator row : rows.values()) {
            if (!matches(filters, row.partnerId, row.tier, row.product, row.currency)) {
                continue;
            }
            result.add(row.toRow(history.nameOf(row.partnerId)));
            Accumulator total = totals.computeIfAbsent(row.currency, c -> new Accumulator());
            total.currency = row.currency;
            total.sourced += row.sourced;
            total.influenced += row.influenced;
            total.delivered += row.delivered;
            total.attributed += row.attributed;
            total.deals.addAll(row.deals);
        }
        List<AttributionTotal> totalList = totals.values().stream()
                .map(total -> new AttributionTotal(total.currency, money(total.sourced, total.currency),
                        money(total.influenced, total.currency), money(total.delivered, total.currency),
                        money(total.attributed, total.currency), total.deals.size()))
                .toList();
        return new Result(List.copyOf(result), totalList);
    }

    /** Rows of two runs matched by partner, tier, product, period and currency; {@code difference} = b - a. */
    static List<AttributionComparisonRow> compare(List<AttributionRow> a, List<AttributionRow> b) {
        Map<String, AttributionRow[]> byKey = new TreeMap<>();
        for (AttributionRow row : a) {
            byKey.computeIfAbsent(key(row), k -> new AttributionRow[2])[0] = row;
        }
        for (AttributionRow row : b) {
            byKey.computeIfAbsent(key(row), k -> new AttributionRow[2])[1] = row;
        }
        List<AttributionComparisonRow> rows = new ArrayList<>();
        for (AttributionRow[] pair : byKey.values()) {
            AttributionRow any = pair[0] != null ? pair[0] : pair[1];
            Money zero = Money.zero(any.attributed().currency());
            Money inA = pair[0] == null ? zero : pair[0].attributed();
            Money inB = pair[1] == null ? zero : pair[1].attributed();
            rows.add(new AttributionComparisonRow(any.partnerId(), any.partnerName(), any.tier(), any.product(),
                    any.period(), any.currency(), inA, inB, inB.minus(inA)));
        }
        return List.copyOf(rows);
    }

    static boolean inPeriod(LocalDate date, LocalDate from, LocalDate to) {
        return date != null && (from == null || !date.isBefore(from)) && (to == null || !date.isAfter(to));
    }

    static boolean matches(ReportFilters filters, String partnerId, String tier, String product, String currency) {
        if (filters == null) {
            return true;
        }
        return (filters.partnerId() == null || filters.partnerId().equals(partnerId))
                && (filters.tier() == null || filters.tier().equalsIgnoreCase(Objects.toString(tier, "")))
                && (filters.product() == null || filters.product().equals(product))
                && (filters.currency() == null || filters.currency().equalsIgnoreCase(currency));
    }

    /** The deal's products in order with their weights (see the class comment). */
    static Map<String, Long> productWeights(ProgramHistory.Deal deal) {
        Map<String, Long> weights = new LinkedHashMap<>();
        for (LineItem line : deal.lineItems) {
            long amount = line.amount() == null ? 0 : Math.abs(line.amount().amountMinor());
            long months = line.recurring() && line.termMonths() != null && line.termMonths() > 0 ? line.termMonths() : 1;
            weights.merge(line.product(), Math.multiplyExact(amount, months), Math::addExact);
        }
        if (weights.values().stream().anyMatch(weight -> weight > 0)) {
            return weights;
        }
        weights.clear();
        for (String product : deal.products) {
            weights.putIfAbsent(product, 1L);
        }
        if (weights.isEmpty()) {
            weights.put(null, 1L);
        }
        return weights;
    }

    private static String key(String partnerId, String tier, String product, String period, String currency) {
        return String.join("\u0000", partnerId, Objects.toString(tier, ""), Objects.toString(product, ""), period,
                currency);
    }

    private static String key(AttributionRow row) {
        return key(row.partnerId(), row.tier(), row.product(), row.period(), row.currency());
    }

    static Money money(long minor, String currency) {
        return Money.ofMinor(minor, currency);
    }

    private static final class Accumulator {
        String partnerId;
        String tier;
        String product;
        String period;
        String currency;
        long sourced;
        long influenced;
        long delivered;
        long attributed;
        final Set<String> deals = new HashSet<>();

        AttributionRow toRow(String partnerName) {
            return new AttributionRow(partnerId, partnerName, tier, product, period, currency,
                    money(sourced, currency), money(influenced, currency), money(delivered, currency),
                    money(attributed, currency), deals.size());
        }
    }
}
