package io.channelbook.ui.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import reactor.core.publisher.Mono;

/** The user of the current request, from the security context only. */
public final class CurrentUser {

    private CurrentUser() {
    }

    /** The authenticated user, or empty for an anonymous request. */
    public static Mono<ChannelbookUser> get() {
        return ReactiveSecurityContextHolder.getContext()
                .map(SecurityContext::getAuthentication)
                .filter(Authentication::isAuthenticated)
                .map(Authentication::getPrincipal)
                .ofType(ChannelbookPrincipal.class)
                .map(ChannelbookPrincipal::channelbookUser);
    }
}
