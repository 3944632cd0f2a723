package io.channelbook.ui.web.partner;

import io.channelbook.api.partner.ProgramType;
import io.channelbook.ui.web.validation.CountryCode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /api/partners}. */
public record RegisterPartnerRequest(
        @NotBlank @Size(max = 200) String legalName,
        @NotBlank @CountryCode String country,
        @NotBlank @Size(max = 253)
        @Pattern(regexp = "^(?i)(https?://)?(www\\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}/?$",
                message = "must be a domain name such as example.com")
        String websiteDomain,
        @NotNull ProgramType programType,
        @NotNull @Valid Contact primaryContact) {

    /** The partner's primary contact. */
    public record Contact(@NotBlank @Size(max = 200) String name,
                          @NotBlank @Email @Size(max = 254) String email) {
    }
}
