package io.channelbook.ui.security;

import org.springframework.security.core.AuthenticationException;

import java.time.Duration;

/** Too many failed logins for an account or from an address; answered with 429 and {@code Retry-After}. */
public class LoginThrottledException extends AuthenticationException {

    private final Duration retryAfter;

    public LoginThrottledException(Duration retryAfter) {
        super("Too many failed logins; try again later");
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
