package io.channelbook.ui.web.partner;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.Locale;

/** The body of a tier change: the tier (null or absent: no tier) and why. */
public record TierChangeRequest(
        @Schema(description = "A tier name such as GOLD (letters, digits, _ and -); null removes the partner's tier", nullable = true)
        @Pattern(regexp = "[A-Za-z][A-Za-z0-9_-]{0,49}", message = "must be a tier name such as GOLD") String tier,
        @NotBlank @Size(max = 1000) String reason) {

    /** The tier in upper case, the way plans name tiers in their multipliers and assignments. */
    String normalizedTier() {
        return tier == null ? null : tier.strip().toUpperCase(Locale.ROOT);
    }
}
