package io.channelbook.ui.security;

/** A principal that knows its Channelbook user: our own logins, and OIDC logins mapped from their claims. */
public interface ChannelbookPrincipal {

    ChannelbookUser channelbookUser();
}
