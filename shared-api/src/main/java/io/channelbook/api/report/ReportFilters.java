package io.channelbook.api.report;

/**
 * Narrows a report to rows of one partner, tier, product or currency (each null for all). Filters select rows of the
 * full result; they never change how a deal is split, so a filtered report is a subset of the unfiltered one.
 */
public record ReportFilters(String partnerId, String tier, String product, String currency) {

    public static final ReportFilters NONE = new ReportFilters(null, null, null, null);
}
