package io.channelbook.api.report;

import java.time.Instant;
import java.util.List;

/** Revenue by month and currency, oldest month first. */
public record RevenueOverTimeReport(Instant asOf, long position, List<RevenueMonth> months) {
}
