package io.channelbook.query.ledger;

import io.channelbook.api.ledger.EntryStatus;
import io.channelbook.api.ledger.JournalPosting;
import io.channelbook.api.money.Money;

import java.util.List;

/**
 * The double-entry view of movements. Each movement gives one debit line and one credit line of the same
 * non-negative amount: a negative amount swaps the accounts instead of posting a negative figure.
 */
final class Journal {

    static final String COMMISSION_EXPENSE = "commission-expense";
    static final String PARTNER_PAYABLE_PENDING = "partner-payable-pending";
    static final String PARTNER_PAYABLE = "partner-payable";
    static final String CASH = "cash";

    private Journal() {
    }

    static List<JournalPosting> postings(LedgerMovementDocument movement) {
        String debit;
        String credit;
        switch (movement.type()) {
            case ACCRUED -> {
                debit = COMMISSION_EXPENSE;
                credit = PARTNER_PAYABLE_PENDING;
            }
            case RELEASED -> {
                debit = PARTNER_PAYABLE_PENDING;
                credit = PARTNER_PAYABLE;
            }
            case REVERSED -> {
                // the accrual's posting with the (negative) reversal amount, against the balance it is taken from
                debit = COMMISSION_EXPENSE;
                credit = movement.from() == EntryStatus.PENDING ? PARTNER_PAYABLE_PENDING : PARTNER_PAYABLE;
            }
            case ADJUSTED -> {
                debit = COMMISSION_EXPENSE;
                credit = PARTNER_PAYABLE;
            }
            case PAID -> {
                debit = PARTNER_PAYABLE;
                credit = CASH;
            }
            default -> throw new IllegalStateException("Unknown movement type " + movement.type());
        }
        Money amount = movement.amount();
        if (amount.signum() < 0) {
            String swapped = debit;
            debit = credit;
            credit = swapped;
            amount = amount.negate();
        }
        Money zero = Money.zero(amount.currency());
        String memo = memo(movement);
        return List.of(
                new JournalPosting(movement.causedBy(), movement.sequence(), movement.recordedAt(), movement.partnerId(),
                        debit, amount, zero, memo),
                new JournalPosting(movement.causedBy(), movement.sequence(), movement.recordedAt(), movement.partnerId(),
                        credit, zero, amount, memo));
    }

    private static String memo(LedgerMovementDocument movement) {
        StringBuilder memo = new StringBuilder(movement.type().name()).append(' ').append(movement.entryId());
        if (movement.registrationId() != null) {
            memo.append(" deal ").append(movement.registrationId());
        }
        if (movement.reason() != null) {
            memo.append(": ").append(movement.reason());
        } else if (movement.text() != null) {
            memo.append(": ").append(movement.text());
        }
        return memo.toString();
    }
}
