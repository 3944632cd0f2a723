package io.channelbook.ui.security;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * A user who logged in with a generated one-time password may only see who they are and set a password of their
 * own. The API answers anything else with 403 {@code password_change_required}; pages redirect to the form.
 */
final class PasswordChangeRequiredFilter implements WebFilter {

    private final Set<String> allowed;
    private final BiFunction<ServerWebExchange, String, Mono<Void>> refuse;

    private PasswordChangeRequiredFilter(Set<String> allowed, BiFunction<ServerWebExchange, String, Mono<Void>> refuse) {
        this.allowed = allowed;
        this.refuse = refuse;
    }

    static PasswordChangeRequiredFilter forApi(ProblemResponses problems) {
        return new PasswordChangeRequiredFilter(Set.of("GET /api/me", "POST /api/me/password"),
                (exchange, path) -> problems.write(exchange, HttpStatus.FORBIDDEN, "password_change_required",
                        "Set a password of your own first: POST /api/me/password"));
    }

    static PasswordChangeRequiredFilter forPages() {
        return new PasswordChangeRequiredFilter(Set.of("GET /account/password", "POST /account/password", "POST /logout", "GET /logout"),
                (exchange, path) -> {
                    exchange.getResponse().setStatusCode(HttpStatus.SEE_OTHER);
                    exchange.getResponse().getHeaders().setLocation(URI.create("/account/password"));
                    return exchange.getResponse().setComplete();
                });
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String request = method(exchange) + " " + exchange.getRequest().getPath().value();
        return CurrentUser.get()
                .filter(user -> user.mustChangePassword() && !allowed.contains(request))
                .flatMap(user -> refuse.apply(exchange, request).thenReturn(true))
                .switchIfEmpty(Mono.defer(() -> chain.filter(exchange)).thenReturn(false))
                .then();
    }

    private static String method(ServerWebExchange exchange) {
        HttpMethod method = exchange.getRequest().getMethod();
        return method == null ? "" : method.name();
    }
}
