package io.channelbook.ui.web.deal;

import io.channelbook.api.deal.ConflictResolution;
import io.channelbook.api.deal.TouchType;
import io.channelbook.api.commission.ScopeKind;
import io.channelbook.api.money.Money;
import io.channelbook.ui.web.problem.ApiProblem;
import io.channelbook.ui.web.validation.CountryCode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** Request bodies of the deal registration API (the registration form of the portal validates the same {@link Submit}). */
public final class DealRequests {

    private DealRequests() {
    }

    /** An amount in major units ("12500.00") and an ISO-4217 currency. */
    public record Amount(@NotNull @DecimalMin(value = "0", inclusive = false) @Digits(integer = 15, fraction = 3) BigDecimal amount,
                  @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO-4217 code such as EUR") String currency) {

        public Money toMoney() {
            try {
                return Money.ofMajor(amount, currency);
            } catch (IllegalArgumentException invalid) {
                throw ApiProblem.badRequest("invalid_amount", invalid.getMessage());
            }
        }
    }

    public record Contact(@NotBlank @Size(max = 200) String name, @NotBlank @Email @Size(max = 254) String email) {
    }

    public record Submit(@NotBlank @Size(max = 200) String customerName,
                  @NotBlank @Size(max = 2048) String customerWebsite,
                  @NotBlank @CountryCode String customerCountry,
                  @NotNull @Valid Contact customerContact,
                  @NotEmpty @Size(max = 50) List<@NotBlank @Size(max = 100) String> products,
                  @NotNull @Valid Amount estimatedValue,
                  @NotNull LocalDate expectedCloseDate,
                  @Size(max = 4000) String notes,
                  @Size(max = 100) String crmOpportunityId) {
    }

    record Approve(@Min(1) @Max(730) Integer protectionDays) {
    }

    record Reject(@NotBlank @Pattern(regexp = "[A-Z][A-Z_]{1,49}", message = "must be an upper-case code such as NOT_QUALIFIED") String reasonCode,
                  @NotBlank @Size(max = 1000) String reason) {
    }

    record ExtensionRequest(@NotNull @Min(1) @Max(365) Integer additionalDays, @NotBlank @Size(max = 1000) String reason) {
    }

    record ExtensionDecision(@NotNull Boolean granted, @Min(1) @Max(365) Integer days, @NotBlank @Size(max = 1000) String reason) {
    }

    record Line(@NotBlank @Size(max = 100) String product, @NotNull @Valid Amount amount, boolean recurring,
                @Min(1) @Max(120) Integer termMonths) {
    }

    record CloseWon(@NotNull @Valid Amount amount, @NotNull LocalDate closeDate, @Size(max = 200) List<@Valid Line> lineItems) {
    }

    record BillingPeriod(@NotBlank @Size(max = 100) String product, @NotNull @Min(1) @Max(1200) Integer periodNumber,
                         @NotNull @Valid Amount billed, @NotNull LocalDate billedOn) {
    }

    record CloseLost(@NotBlank @Size(max = 1000) String reason) {
    }

    record ResolveConflict(@NotNull ConflictResolution resolution, @NotBlank @Size(max = 1000) String reason) {
    }

    record Touch(@NotBlank @Size(max = 100) String partnerId, @NotNull TouchType type, @Size(max = 4000) String evidence) {
    }

    record BulkApprove(@NotEmpty @Size(max = 200) List<@NotBlank String> registrationIds, @Min(1) @Max(730) Integer protectionDays) {
    }

    record BulkReject(@NotEmpty @Size(max = 200) List<@NotBlank String> registrationIds, @Valid @NotNull Reject rejection) {
    }

    /** A partner's influence on a customer's deal, named by the customer's website (the partner cannot see the deal). */
    record Influence(@NotBlank @Size(max = 500) String customerWebsite, @NotBlank @Size(max = 2000) String evidence) {
    }

    /** A protection window for the program, a tier or a partner; {@code days} null removes the setting. */
    record ProtectionWindow(@NotNull ScopeKind kind, @Size(max = 100) String key, @Min(1) @Max(3650) Integer days,
                            @NotBlank @Size(max = 500) String reason) {
    }
}
