package io.channelbook.api.ledger;

import java.util.List;

/** A page of a partner's entries, newest first. */
public record LedgerEntryPage(List<LedgerEntryView> entries, long total, int page, int size) {
}
