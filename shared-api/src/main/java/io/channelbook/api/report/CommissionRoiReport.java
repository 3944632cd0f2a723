package io.channelbook.api.report;

import java.time.Instant;
import java.util.List;

/** Commission cost and ROI per partner and per tier (the partner's tier as of the report; null for none). */
public record CommissionRoiReport(Instant asOf, long position, AttributionModel model, TouchWeights weights,
                                  List<CommissionRoiRow> partners, List<CommissionRoiRow> tiers) {
}
