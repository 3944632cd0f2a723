package io.channelbook.api.ledger;

import java.util.List;

/** A page of the finance audit history, oldest first. */
public record LedgerHistoryPage(List<LedgerMovement> movements, long total, int page, int size) {
}
