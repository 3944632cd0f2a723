package io.channelbook.api.ledger;

import java.time.Instant;

/** The finance audit history: movements, filterable (nulls do not filter). */
public record FindLedgerHistoryQuery(String partnerId, MovementType type, String actorId, String registrationId, Instant from, Instant to, int page, int size) {
}
