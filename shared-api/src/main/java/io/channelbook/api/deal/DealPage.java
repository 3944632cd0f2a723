package io.channelbook.api.deal;

import java.util.List;

/** One page of registrations with the number of all that match. */
public record DealPage(List<DealSummary> items, int page, int size, long total) {
}
