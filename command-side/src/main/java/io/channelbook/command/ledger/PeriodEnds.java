package io.channelbook.command.ledger;

import io.channelbook.command.commission.engine.PlanVersion;

/** Deadline payload: a counting period ended; rebates of {@code plan} are due on the period's volume in a currency, with the
 * partner's tier as it was when the period began. */
record PeriodEnds(String period, String currency, PlanVersion plan, String tier) {
}
