package io.channelbook.ui.security;

import java.util.Optional;
import java.util.stream.Stream;

/**
 * What a user may do. Vendor roles work across all partners; partner roles are bound to exactly one partner, which
 * comes from the login and never from a request.
 */
public enum Role {
    PROGRAM_ADMIN(false),
    CHANNEL_MANAGER(false),
    FINANCE(false),
    ANALYST(false),
    PARTNER_ADMIN(true),
    PARTNER_USER(true);

    private final boolean partnerRole;

    Role(boolean partnerRole) {
        this.partnerRole = partnerRole;
    }

    public boolean isPartnerRole() {
        return partnerRole;
    }

    /** The Spring Security authority name, {@code ROLE_...}. */
    public String authority() {
        return "ROLE_" + name();
    }

    public static Optional<Role> parse(String value) {
        return Stream.of(values()).filter(role -> role.name().equalsIgnoreCase(value == null ? "" : value.strip())).findFirst();
    }

    /** Role names for {@code hasAnyRole(...)}. */
    public static String[] vendorRoles() {
        return Stream.of(values()).filter(role -> !role.partnerRole).map(Role::name).toArray(String[]::new);
    }
}
