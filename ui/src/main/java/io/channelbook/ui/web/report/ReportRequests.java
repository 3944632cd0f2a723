package io.channelbook.ui.web.report;

import io.channelbook.api.money.Money;
import io.channelbook.api.report.AttributionModel;
import io.channelbook.api.report.AttributionRunParameters;
import io.channelbook.api.report.ReportFilters;
import io.channelbook.api.report.TierThreshold;
import io.channelbook.api.report.TouchWeights;
import io.channelbook.ui.web.problem.ApiProblem;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Request bodies and parameters of the report API. */
final class ReportRequests {

    private ReportRequests() {
    }

    /**
     * A new attribution run. {@code from}/{@code to}: close dates, inclusive, either open; {@code asOf}: default now;
     * {@code untilPosition}: repeat an earlier run exactly by giving its stop position.
     */
    record AttributionRun(@NotNull AttributionModel model, @Valid Weights weights, LocalDate from, LocalDate to,
                          Instant asOf, @Valid Filters filters, @Min(-1) Long untilPosition) {

        AttributionRunParameters toParameters() {
            return new AttributionRunParameters(model, weights == null ? null : weights.toWeights(), from, to, asOf,
                    filters == null ? ReportFilters.NONE : filters.toFilters(), untilPosition);
        }
    }

    record Weights(@Min(0) @Max(1_000_000) int sourced, @Min(0) @Max(1_000_000) int influenced,
                   @Min(0) @Max(1_000_000) int delivered) {

        TouchWeights toWeights() {
            return new TouchWeights(sourced, influenced, delivered);
        }
    }

    record Filters(@Size(max = 100) String partnerId, @Size(max = 50) String tier, @Size(max = 100) String product,
                   @Pattern(regexp = "[A-Za-z]{3}") String currency) {

        ReportFilters toFilters() {
            return filters(partnerId, tier, product, currency);
        }
    }

    static ReportFilters filters(String partnerId, String tier, String product, String currency) {
        if (currency != null && !currency.isBlank()) {
            try {
                Money.currency(currency.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException unknown) {
                throw ApiProblem.badRequest("invalid_currency", "Unknown currency " + currency);
            }
        }
        return new ReportFilters(blankToNull(partnerId), blankToNull(tier), blankToNull(product),
                blankToNull(currency) == null ? null : currency.strip().toUpperCase(Locale.ROOT));
    }

    static void requireOrderedPeriod(LocalDate from, LocalDate to) {
        if (from != null && to != null && from.isAfter(to)) {
            throw ApiProblem.badRequest("invalid_period", "'from' " + from + " is after 'to' " + to);
        }
    }

    /**
     * Thresholds written {@code TIER:amount:CURRENCY} separated by commas, e.g. {@code SILVER:50000.00:EUR,GOLD:100000.00:EUR}.
     */
    static List<TierThreshold> thresholds(String spec) {
        List<TierThreshold> thresholds = new ArrayList<>();
        if (spec == null || spec.isBlank()) {
            return thresholds;
        }
        for (String part : spec.split(",")) {
            String[] fields = part.strip().split(":");
            try {
                if (fields.length != 3 || fields[0].isBlank()) {
                    throw new IllegalArgumentException("expected TIER:amount:CURRENCY");
                }
                thresholds.add(new TierThreshold(fields[0].strip().toUpperCase(Locale.ROOT),
                        Money.ofMajor(new BigDecimal(fields[1].strip()), fields[2].strip().toUpperCase(Locale.ROOT))));
            } catch (IllegalArgumentException | ArithmeticException bad) {
                throw ApiProblem.badRequest("invalid_thresholds", "Tier threshold '" + part.strip()
                        + "' is not TIER:amount:CURRENCY (e.g. GOLD:100000.00:EUR): " + bad.getMessage());
            }
        }
        return thresholds;
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
