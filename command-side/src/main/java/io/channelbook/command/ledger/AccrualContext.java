package io.channelbook.command.ledger;

import io.channelbook.command.commission.engine.PlanVersion;

import java.time.LocalDate;
import java.util.Optional;

/** What the ledger asks the rest of the command side before it accrues: the partner's tier and its plan version. */
interface AccrualContext {

    /** The partner's tier (null: none); an unknown partner is refused as not found. */
    String tierOf(String partnerId);

    /** The plan version that applies to the partner's deal closed on {@code closeDate}. */
    Optional<PlanVersion> planFor(String partnerId, String tier, LocalDate closeDate);
}
