package io.channelbook.api.report;

import java.util.List;

/** Two runs (without their rows) and their rows side by side. Only complete runs have rows to compare. */
public record AttributionComparison(AttributionRunView a, AttributionRunView b, List<AttributionComparisonRow> rows) {
}
