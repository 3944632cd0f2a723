package io.channelbook.api.ledger;

import java.time.Instant;
import java.util.List;

/** A period statement: balances at {@code from}, every movement in [from, to), balances at {@code to}. */
public record LedgerStatement(String partnerId, Instant from, Instant to, List<CurrencyBalance> opening, List<LedgerMovement> movements, List<CurrencyBalance> closing) {
}
