package io.channelbook.ui.web.page;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.channelbook.api.deal.DealStatus;
import io.channelbook.api.ledger.MonthlyEarnings;
import io.channelbook.api.money.Money;

import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * How pages show values: money with its currency symbol and exact minor units, dates in UTC (the ledger's months are
 * UTC months), statuses in words. Templates reach it as {@code fmt}, also when a fragment is rendered for a live update.
 */
public final class Formats {

    static final Formats INSTANCE = new Formats();

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH);
    private static final ObjectMapper JSON = new ObjectMapper();

    private Formats() {
    }

    public String money(Money money) {
        if (money == null) {
            return "–";
        }
        Currency currency = money.currency();
        NumberFormat format = NumberFormat.getCurrencyInstance(Locale.US);
        format.setCurrency(currency);
        format.setMinimumFractionDigits(Math.max(currency.getDefaultFractionDigits(), 0));
        format.setMaximumFractionDigits(Math.max(currency.getDefaultFractionDigits(), 0));
        return format.format(money.toMajor());
    }

    public String date(Object value) {
        if (value == null) {
            return "–";
        }
        if (value instanceof Instant instant) {
            return DATE.format(instant.atZone(ZoneOffset.UTC));
        }
        if (value instanceof LocalDate date) {
            return DATE.format(date);
        }
        return value.toString();
    }

    public String dateTime(Instant instant) {
        return instant == null ? "–" : DATE_TIME.format(instant.atZone(ZoneOffset.UTC));
    }

    /** The ISO date (yyyy-mm-dd) for date inputs. */
    public String isoDate(Object value) {
        if (value instanceof Instant instant) {
            return instant.atZone(ZoneOffset.UTC).toLocalDate().toString();
        }
        return value == null ? "" : value.toString();
    }

    public String dealStatus(DealStatus status) {
        if (status == null) {
            return "";
        }
        return switch (status) {
            case SUBMITTED -> "Pending review";
            case CONFLICT -> "Conflict: under review";
            case APPROVED -> "Approved";
            case REJECTED -> "Rejected";
            case CLOSED_WON -> "Closed won";
            case CLOSED_LOST -> "Closed lost";
            case EXPIRED -> "Expired";
        };
    }

    /** A status or kind in words: {@code CLOSED_WON} as "Closed won". */
    public String words(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString().replace('_', ' ').toLowerCase(Locale.ROOT);
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** A rate as a percentage: 0.125 as "12.5%". */
    public String percent(java.math.BigDecimal rate) {
        return rate == null ? "–" : rate.movePointRight(2).stripTrailingZeros().toPlainString() + "%";
    }

    /** A plan's map in words, keys in order: rates as percentages, money with its currency, other values as they are. */
    public String entries(Map<String, ?> map) {
        if (map == null || map.isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        new java.util.TreeMap<>(map).forEach((key, value) -> parts.add(key + " " + (value instanceof Money money ? money(money)
                : value instanceof java.math.BigDecimal rate ? percent(rate)
                : String.valueOf(value))));
        return String.join(", ", parts);
    }

    /** Multipliers by tier or partner: "GOLD ×1.2, SILVER ×0.9". */
    public String multipliers(Map<String, java.math.BigDecimal> map) {
        if (map == null) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        new java.util.TreeMap<>(map).forEach((key, value) -> parts.add(key + " ×" + value.stripTrailingZeros().toPlainString()));
        return String.join(", ", parts);
    }

    /** Tiered bands: "from €0: 5%, from €50,000.00: 7%". */
    public String bands(List<io.channelbook.api.commission.RateBand> bands) {
        if (bands == null) {
            return "";
        }
        return String.join(", ", bands.stream().map(band -> "from " + money(band.from()) + ": " + percent(band.rate())).toList());
    }

    public String shortId(String id) {
        return id == null ? "" : id.length() <= 8 ? id : id.substring(0, 8);
    }

    /** Earnings by month as chart data: months in order and one series per currency, in major units. */
    public String monthlyChart(List<MonthlyEarnings> monthly) {
        TreeSet<String> months = new TreeSet<>();
        Map<String, Map<String, Double>> byCurrency = new LinkedHashMap<>();
        for (MonthlyEarnings month : monthly == null ? List.<MonthlyEarnings>of() : monthly) {
            months.add(month.month());
            byCurrency.computeIfAbsent(month.earned().currency().getCurrencyCode(), c -> new LinkedHashMap<>())
                    .merge(month.month(), month.earned().toMajor().doubleValue(), Double::sum);
        }
        List<Map<String, Object>> series = new ArrayList<>();
        byCurrency.forEach((currency, values) -> series.add(Map.of("name", currency,
                "data", months.stream().map(m -> values.getOrDefault(m, 0.0)).toList())));
        try {
            return JSON.writeValueAsString(Map.of("months", List.copyOf(months), "series", series));
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
