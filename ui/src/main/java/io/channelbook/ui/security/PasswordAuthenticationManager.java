package io.channelbook.ui.security;

import io.channelbook.ui.security.account.UserAccount;
import io.channelbook.ui.security.account.UserAccountStore;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Checks an email and password against the stored hash, behind the {@link LoginThrottle}. Unknown accounts and wrong
 * passwords fail alike, after the same hashing work, so neither the answer nor its timing tells which it was.
 */
@Component
@Primary // the manager Spring Security uses where none is named
public class PasswordAuthenticationManager implements ReactiveAuthenticationManager {

    private final UserAccountStore accounts;
    private final PasswordEncoder passwordEncoder;
    private final LoginThrottle throttle;
    private final String dummyHash;

    PasswordAuthenticationManager(UserAccountStore accounts, PasswordEncoder passwordEncoder, LoginThrottle throttle) {
        this.accounts = accounts;
        this.passwordEncoder = passwordEncoder;
        this.throttle = throttle;
        this.dummyHash = passwordEncoder.encode("not-a-real-password-" + System.nanoTime());
    }

    @Override
    public Mono<Authentication> authenticate(Authentication attempt) {
        // Spring Security puts the exchange in the Reactor context of every request it filters
        return Mono.deferContextual(context -> authenticate(attempt, context.<ServerWebExchange>getOrEmpty(ServerWebExchange.class)
                .flatMap(ClientAddress::of)
                .orElse("unknown")));
    }

    private Mono<Authentication> authenticate(Authentication attempt, String address) {
        String email = UserAccountStore.normalizeEmail(attempt.getName());
        String password = attempt.getCredentials() == null ? "" : attempt.getCredentials().toString();
        return Mono.fromRunnable(() -> throttle.reserveAttempt(email, address))
                .then(accounts.find(email))
                .map(account -> new Candidate(account, account.passwordHash()))
                .defaultIfEmpty(new Candidate(null, dummyHash))
                // bcrypt is deliberately slow: keep it off the event loop
                .publishOn(Schedulers.boundedElastic())
                .flatMap(candidate -> {
                    boolean matches = passwordEncoder.matches(password, candidate.hash());
                    if (!matches || candidate.account() == null || !candidate.account().enabled()) {
                        // the attempt reserved above stays spent
                        return Mono.error(new BadCredentialsException("Invalid email or password"));
                    }
                    throttle.recordSuccess(email, address);
                    return Mono.just((Authentication) new ChannelbookAuthentication(
                            candidate.account().toUser(ChannelbookUser.LoginMethod.PASSWORD)));
                });
    }

    private record Candidate(UserAccount account, String hash) {
    }
}
