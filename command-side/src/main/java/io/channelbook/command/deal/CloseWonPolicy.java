package io.channelbook.command.deal;

import io.channelbook.api.deal.LineItem;
import io.channelbook.api.money.Money;
import io.channelbook.command.DomainRuleViolation;

import java.time.LocalDate;
import java.util.List;

/**
 * What a won deal's figures must hold. The amount is the deal's total contract value; line items, when given, break it
 * down: one-off lines count once, recurring lines (a per-month amount) count for each month of their term, and the
 * lines add up to the amount exactly, in the amount's currency.
 * <p>
 * The amount may be in another currency than the registration's estimate: an estimate is a guess made months earlier
 * and the contract is signed in whatever currency the customer pays; the commission engine converts at the rate of
 * the close. Everything that later changes the won amount (amount changes, refunds) must use the close's currency.
 */
final class CloseWonPolicy {

    private CloseWonPolicy() {
    }

    static void check(Money amount, LocalDate closeDate, List<LineItem> lineItems) {
        requirePositive(amount);
        if (closeDate == null) {
            throw DomainRuleViolation.invalid("close_date_required", "A close date is required");
        }
        if (lineItems == null || lineItems.isEmpty()) {
            return;
        }
        long total = 0;
        for (LineItem line : lineItems) {
            total = addExact(total, contractValue(line, amount));
        }
        if (total != amount.amountMinor()) {
            throw DomainRuleViolation.invalid("line_items_do_not_sum", "The line items add up to "
                    + new Money(total, amount.currency()) + ", not to the amount " + amount
                    + " (recurring lines count once per month of their term)");
        }
    }

    /** A won amount, a new amount or a refund: positive, whatever its currency. */
    static void requirePositive(Money amount) {
        if (amount == null || amount.signum() <= 0) {
            throw DomainRuleViolation.invalid("amount_invalid", "The amount must be positive, got " + amount);
        }
    }

    /** Amounts of a won deal are never added across currencies. */
    static void requireCurrency(Money amount, Money reference) {
        if (!amount.currency().equals(reference.currency())) {
            throw DomainRuleViolation.ruleViolated("currency_mismatch", "The amount " + amount + " is not in "
                    + reference.currency().getCurrencyCode() + ", the currency the deal was won in");
        }
    }

    private static long contractValue(LineItem line, Money amount) {
        if (line == null || line.product() == null || line.product().isBlank()) {
            throw DomainRuleViolation.invalid("line_item_invalid", "Every line item needs a product");
        }
        if (line.amount() == null || line.amount().signum() < 0) {
            throw DomainRuleViolation.invalid("line_item_invalid",
                    "Line " + line.product() + " needs an amount of zero or more, got " + line.amount());
        }
        requireCurrency(line.amount(), amount);
        if (!line.recurring()) {
            if (line.termMonths() != null) {
                throw DomainRuleViolation.invalid("line_item_invalid",
                        "One-off line " + line.product() + " has no term; mark it recurring to give it one");
            }
            return line.amount().amountMinor();
        }
        if (line.termMonths() == null || line.termMonths() < 1) {
            throw DomainRuleViolation.invalid("recurring_term_required",
                    "Recurring line " + line.product() + " needs a term of at least one month, got " + line.termMonths());
        }
        try {
            return Math.multiplyExact(line.amount().amountMinor(), (long) line.termMonths());
        } catch (ArithmeticException e) {
            throw DomainRuleViolation.invalid("line_items_do_not_sum", "Line " + line.product() + " is out of range");
        }
    }

    private static long addExact(long total, long value) {
        try {
            return Math.addExact(total, value);
        } catch (ArithmeticException e) {
            throw DomainRuleViolation.invalid("line_items_do_not_sum", "The line items are out of range");
        }
    }
}
