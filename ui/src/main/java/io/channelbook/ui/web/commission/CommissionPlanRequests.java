package io.channelbook.ui.web.commission;

import io.channelbook.api.commission.CommissionPlanTerms;
import io.channelbook.api.commission.CommissionRule;
import io.channelbook.api.commission.PeriodUnit;
import io.channelbook.api.commission.PlanScope;
import io.channelbook.api.commission.RateBand;
import io.channelbook.api.commission.RuleKind;
import io.channelbook.api.commission.ScopeKind;
import io.channelbook.api.commission.TouchShares;
import io.channelbook.api.money.Money;
import io.channelbook.ui.web.problem.ApiProblem;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Request bodies of the commission plan API and their mapping to the contract's {@link CommissionPlanTerms}. Only the
 * shape is checked here (JSON types, amounts in whole minor units of a known currency, sizes); whether the terms make
 * sense (rates in range, the fields a rule kind needs, overlapping versions) is the command side's decision.
 */
public final class CommissionPlanRequests {

    private CommissionPlanRequests() {
    }

    /** An amount in major units ("250.00") and an ISO-4217 currency; plan amounts are never negative. */
    @Schema(description = "An amount in major units and an ISO-4217 currency, e.g. {\"amount\": \"250.00\", \"currency\": \"EUR\"}")
    public record Amount(@NotNull @DecimalMin(value = "0") @Digits(integer = 15, fraction = 3) BigDecimal amount,
                  @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO-4217 code such as EUR") String currency) {

        Money toMoney(String field) {
            try {
                return Money.ofMajor(amount, currency);
            } catch (IllegalArgumentException invalid) {
                throw ApiProblem.badRequest("invalid_amount", field + ": " + invalid.getMessage());
            }
        }
    }

    /** A rate or multiplier as a decimal ("0.10" is 10%). */
    @Schema(description = "One band of a tiered rule: from this cumulative period volume on, this rate")
    public record Band(@NotNull @Valid Amount from, @NotNull @Digits(integer = 6, fraction = 10) BigDecimal rate) {
    }

    @Schema(description = "One rule; which fields it uses depends on kind, the others stay absent. Rates are fractions (\"0.10\" = 10%)")
    public record Rule(@NotBlank @Size(max = 100) String ruleId,
                @NotNull RuleKind kind,
                @Size(max = 1000) String description,
                @Valid Amount bounty,
                @Size(max = 500) Map<@NotBlank @Size(max = 100) String, @NotNull @Valid Amount> productBounties,
                @Digits(integer = 6, fraction = 10) BigDecimal rate,
                @Size(max = 500) Map<@NotBlank @Size(max = 100) String, @NotNull @Digits(integer = 6, fraction = 10) BigDecimal> productRates,
                @Size(max = 500) Map<@NotBlank @Size(max = 100) String, @NotNull @Digits(integer = 6, fraction = 10) BigDecimal> categoryRates,
                @Size(max = 100) List<@NotNull @Valid Band> bands,
                @Min(1) @Max(1200) Integer months,
                @Valid Amount target,
                @Digits(integer = 6, fraction = 10) BigDecimal growthPercent,
                @Valid Amount capPerDeal) {
    }

    @Schema(description = "How a deal's commission is shared among the partners with accepted touches, as weights")
    public record Shares(@NotNull @Min(0) @Max(1000) Integer sourced, @NotNull @Min(0) @Max(1000) Integer influenced,
                  @NotNull @Min(0) @Max(1000) Integer delivered) {
    }

    @Schema(description = "What a plan version pays. Absent maps and lists are empty; absent shares: all to the sourcing partner")
    public record Terms(@NotNull @Size(max = 50) List<@NotNull @Valid Rule> rules,
                 @Size(max = 100) Map<@NotBlank @Size(max = 50) String, @NotNull @Digits(integer = 6, fraction = 10) BigDecimal> tierMultipliers,
                 @Size(max = 10000) Map<@NotBlank @Size(max = 100) String, @NotNull @Digits(integer = 6, fraction = 10) BigDecimal> partnerMultipliers,
                 @Size(max = 10000) Map<@NotBlank @Size(max = 100) String, @NotBlank @Size(max = 100) String> productCategories,
                 @Valid Amount capPerDeal,
                 @Valid Amount capPerPeriod,
                 @Valid Shares shares,
                 @NotNull @Schema(description = "Days an accrual stays pending before it is payable; 0: payable at once") Integer holdDays,
                 PeriodUnit period) {

        public CommissionPlanTerms toTerms() {
            return new CommissionPlanTerms(
                    rules.stream().map(Terms::rule).toList(),
                    copy(tierMultipliers, Function.identity()),
                    copy(partnerMultipliers, Function.identity()),
                    copy(productCategories, String::strip),
                    money(capPerDeal, "capPerDeal"),
                    money(capPerPeriod, "capPerPeriod"),
                    shares == null ? TouchShares.SOURCED_ONLY : new TouchShares(shares.sourced(), shares.influenced(), shares.delivered()),
                    holdDays,
                    period);
        }

        private static CommissionRule rule(Rule rule) {
            String at = "rules[" + rule.ruleId().strip() + "].";
            Map<String, Money> productBounties = new LinkedHashMap<>();
            if (rule.productBounties() != null) {
                rule.productBounties().forEach((product, amount) ->
                        productBounties.put(product.strip(), amount.toMoney(at + "productBounties." + product)));
            }
            List<RateBand> bands = rule.bands() == null ? List.of() : rule.bands().stream()
                    .map(band -> new RateBand(band.from().toMoney(at + "bands.from"), band.rate()))
                    .toList();
            return new CommissionRule(rule.ruleId().strip(), rule.kind(),
                    rule.description() == null ? null : rule.description().strip(),
                    money(rule.bounty(), at + "bounty"), productBounties, rule.rate(),
                    copy(rule.productRates(), Function.identity()), copy(rule.categoryRates(), Function.identity()),
                    bands, rule.months(), money(rule.target(), at + "target"), rule.growthPercent(),
                    money(rule.capPerDeal(), at + "capPerDeal"));
        }

        private static Money money(Amount amount, String field) {
            return amount == null ? null : amount.toMoney(field);
        }

        private static <V> Map<String, V> copy(Map<String, V> values, Function<V, V> normalize) {
            Map<String, V> copy = new LinkedHashMap<>();
            if (values != null) {
                values.forEach((key, value) -> copy.put(key.strip(), normalize.apply(value)));
            }
            return copy;
        }
    }

    public record Create(@NotBlank @Size(max = 200) String name, @NotNull @Valid Terms draft) {
    }

    public record UpdateDraft(@NotNull @Valid Terms terms) {
    }

    public record Publish(@NotNull @Schema(description = "The version is in force for deals closed on or after this date") LocalDate effectiveFrom) {
    }

    @Schema(description = "PROGRAM (no key), TIER (key: the tier name, e.g. GOLD) or PARTNER (key: the partner id)")
    public record Scope(@NotNull ScopeKind kind, @Size(max = 100) String key) {

        public PlanScope toScope() {
            String trimmed = key == null || key.isBlank() ? null : key.strip();
            if (kind == ScopeKind.PROGRAM) {
                if (trimmed != null) {
                    throw ApiProblem.badRequest("scope_invalid", "A PROGRAM scope has no key");
                }
                return PlanScope.PROGRAM;
            }
            if (trimmed == null) {
                throw ApiProblem.badRequest("scope_invalid", "A " + kind + " scope needs a key: the "
                        + (kind == ScopeKind.TIER ? "tier name" : "partner id"));
            }
            return new PlanScope(kind, kind == ScopeKind.TIER ? trimmed.toUpperCase(java.util.Locale.ROOT) : trimmed);
        }
    }

    public record Assign(@NotNull @Valid Scope scope, @NotBlank @Size(max = 100) String planId) {
    }
}
