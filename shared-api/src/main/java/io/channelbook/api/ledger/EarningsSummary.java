package io.channelbook.api.ledger;

import java.time.Instant;
import java.util.List;

/** A partner's earnings at a glance: balances per currency, the next date something becomes payable, earnings by month, the latest entries. */
public record EarningsSummary(String partnerId, List<CurrencyBalance> balances, Instant nextPayableAt, List<MonthlyEarnings> monthly, List<LedgerEntryView> recent, long version) {
}
