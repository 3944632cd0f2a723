package io.channelbook.api.report;

import java.util.List;

/** Runs, newest first, without their rows. */
public record AttributionRunList(List<AttributionRunView> runs) {
}
