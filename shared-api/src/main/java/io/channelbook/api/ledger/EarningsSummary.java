package io.channelbook.api.ledger;

import java.time.Instant;
import java.util.List;

/**
 * A partner's earnings at a glance: balances per currency, the next date something becomes payable, earnings by month, the latest entries.
 * {@code version} is the sequence number, in the partner's ledger, of the last event reflected: it grows with every change and is the same
 * after the read model is rebuilt from the events.
 */
public record EarningsSummary(String partnerId, List<CurrencyBalance> balances, Instant nextPayableAt, List<MonthlyEarnings> monthly, List<LedgerEntryView> recent, long version) {
}
