package io.channelbook.ui.web.ledger;

import io.channelbook.api.money.Money;
import io.channelbook.ui.web.problem.ApiProblem;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.LocalDate;

/** Request bodies of the finance ledger API. */
final class LedgerRequests {

    /** Client-chosen idempotency keys: letters, digits and . _ : - */
    static final String KEY_PATTERN = "[A-Za-z0-9][A-Za-z0-9._:-]{0,99}";

    private LedgerRequests() {
    }

    /** An amount in major units ("-12.50") and an ISO-4217 currency; the sign is checked by each request. */
    @Schema(description = "An amount in major units and an ISO-4217 currency, e.g. {\"amount\": \"-12.50\", \"currency\": \"EUR\"}")
    record Amount(@NotNull @Digits(integer = 15, fraction = 3) BigDecimal amount,
                  @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO-4217 code such as EUR") String currency) {

        Money toMoney() {
            try {
                return Money.ofMajor(amount, currency);
            } catch (IllegalArgumentException invalid) {
                throw ApiProblem.badRequest("invalid_amount", invalid.getMessage());
            }
        }
    }

    @Schema(description = "A manual correction, positive (credit the partner) or negative (debit), payable at once")
    record Adjustment(
            @NotBlank @Pattern(regexp = KEY_PATTERN, message = "must be 1 to 100 letters, digits or . _ : - (your idempotency key)")
            @Schema(description = "Your idempotency key: a repeat with the same body changes nothing, with another body it is refused")
            String adjustmentId,
            @NotNull @Valid Amount amount,
            @NotBlank @Size(max = 1000) String reason) {

        Money money() {
            Money money = amount.toMoney();
            if (money.signum() == 0) {
                throw ApiProblem.badRequest("amount_zero", "An adjustment must move money: the amount must not be zero");
            }
            return money;
        }
    }

    @Schema(description = "A payout made outside Channelbook (e.g. a bank transfer), moving money from payable to paid")
    record Payout(
            @NotBlank @Pattern(regexp = KEY_PATTERN, message = "must be 1 to 100 letters, digits or . _ : - (your idempotency key)")
            @Schema(description = "Your idempotency key: a repeat with the same body changes nothing, with another body it is refused")
            String payoutId,
            @NotNull @Valid Amount amount,
            @NotBlank @Size(max = 200) @Schema(description = "The payment's reference, e.g. the bank transfer id") String reference,
            @NotNull LocalDate paidOn) {

        Money money() {
            Money money = amount.toMoney();
            if (money.signum() <= 0) {
                throw ApiProblem.badRequest("amount_not_positive", "A payout amount must be positive");
            }
            return money;
        }
    }
}
