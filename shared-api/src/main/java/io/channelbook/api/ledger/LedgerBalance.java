package io.channelbook.api.ledger;

import java.time.Instant;
import java.util.List;

/** A partner's balances per currency as the ledger stood at {@code asOf}. */
public record LedgerBalance(String partnerId, Instant asOf, List<CurrencyBalance> balances, Instant nextPayableAt) {
}
