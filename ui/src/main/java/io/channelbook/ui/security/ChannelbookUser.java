package io.channelbook.ui.security;

/**
 * The authenticated user as every handler sees it, however the login happened.
 *
 * @param userId    stable id, recorded as the actor of every command
 * @param email     login name
 * @param role      what the user may do
 * @param partnerId the partner a partner user belongs to; {@code null} for vendor staff
 * @param mustChangePassword true until a generated first password has been replaced
 * @param method    how this request was authenticated
 */
public record ChannelbookUser(String userId, String email, String displayName, Role role, String partnerId,
                              boolean mustChangePassword, LoginMethod method) implements ChannelbookPrincipal {

    public enum LoginMethod { PASSWORD, API_TOKEN, JWT, OIDC }

    @Override
    public ChannelbookUser channelbookUser() {
        return this;
    }

    public boolean isPartnerUser() {
        return role.isPartnerRole();
    }
}
