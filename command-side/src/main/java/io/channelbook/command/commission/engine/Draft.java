package io.channelbook.command.commission.engine;

import io.channelbook.api.commission.CommissionRule;
import io.channelbook.api.ledger.EntryKind;
import io.channelbook.api.money.Money;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * A line the engine is still working on: computed, maybe cut by caps, not yet split among touches. Mutable and
 * confined to one engine call.
 */
final class Draft {

    final String key;
    final EntryKind kind;
    final CommissionRule rule;
    final Money base;
    final BigDecimal rate;
    final Money bounty;
    /** The words up to the amount: "10% of 1,000.00 EUR (PERCENT_OF_DEAL rule r1, plan P v2) × 1.2 GOLD tier multiplier". */
    final String head;
    /** False for lines that always go to the registrant (true-ups, rebates). */
    final boolean shareable;
    Money amount;
    /** The amount before the first cap cut it; null while no cap cut it. */
    Money uncapped;
    final List<String> caps = new ArrayList<>();

    Draft(String key, EntryKind kind, CommissionRule rule, Money base, BigDecimal rate, Money bounty, String head,
          boolean shareable, Money amount) {
        this.key = key;
        this.kind = kind;
        this.rule = rule;
        this.base = base;
        this.rate = rate;
        this.bounty = bounty;
        this.head = head;
        this.shareable = shareable;
        this.amount = amount;
    }

    /** Cuts {@code cut} (positive, at most the amount) off this line on behalf of {@code capName}. */
    void cut(long cut, String capName) {
        if (uncapped == null) {
            uncapped = amount;
        }
        amount = new Money(amount.amountMinor() - cut, amount.currency());
        caps.add(capName);
    }

    String capRule() {
        return caps.isEmpty() ? null : String.join(", ", caps);
    }
}
