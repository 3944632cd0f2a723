package io.channelbook.api.report;

import java.util.List;

/** Which processing groups can be rebuilt, and their latest rebuilds. */
public record RebuildList(List<String> rebuildableGroups, List<RebuildStatus> rebuilds) {
}
