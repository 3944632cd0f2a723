package io.channelbook.api.partner;

import java.util.List;

/** One page of the partner list, with the total number of matching partners. */
public record PartnerPage(List<PartnerSummary> items, int page, int size, long total) {
}
