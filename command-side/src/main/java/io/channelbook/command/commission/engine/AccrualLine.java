package io.channelbook.command.commission.engine;

import io.channelbook.api.ledger.AccrualExplanation;
import io.channelbook.api.ledger.EntryKind;
import io.channelbook.api.money.Money;

/**
 * One line the engine decided: {@code amount} for {@code partnerId}, of {@code kind} (ACCRUAL, RECURRING, TRUE_UP
 * or REBATE), explained. {@code lineKey} is unique within one engine call and stable across calls with the same
 * input, so ledgers derive idempotent entry ids from it.
 */
public record AccrualLine(String lineKey, String partnerId, EntryKind kind, Money amount,
                          AccrualExplanation explanation) {
}
