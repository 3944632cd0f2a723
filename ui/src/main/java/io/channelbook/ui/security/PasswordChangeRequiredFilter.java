package io.channelbook.ui.security;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * A user who logged in with a generated one-time password may only read who they are and set a password of their
 * own; everything else answers 403 {@code password_change_required}.
 */
class PasswordChangeRequiredFilter implements WebFilter {

    private final ProblemResponses problems;

    PasswordChangeRequiredFilter(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return CurrentUser.get()
                .filter(user -> user.mustChangePassword() && !allowed(exchange))
                .flatMap(user -> problems.write(exchange, HttpStatus.FORBIDDEN, "password_change_required",
                        "Set a password of your own first: POST /api/me/password"))
                .switchIfEmpty(Mono.defer(() -> chain.filter(exchange)));
    }

    private static boolean allowed(ServerWebExchange exchange) {
        String path = exchange.getRequest().getPath().value();
        HttpMethod method = exchange.getRequest().getMethod();
        return (HttpMethod.GET.equals(method) && path.equals("/api/me"))
                || (HttpMethod.POST.equals(method) && path.equals("/api/me/password"));
    }
}
