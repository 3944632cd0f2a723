package io.channelbook.ui.web.page;

import org.springframework.http.HttpMethod;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The outcome of an action, shown once on the page the action redirects to: kept in the session (the login already
 * has one), so nothing the user did ends up in a URL, a bookmark or the browser history.
 */
final class Flash {

    private static final String NOTICE = "flash.notice";
    private static final String ERROR = "flash.error";

    private Flash() {
    }

    /** Redirects to {@code path} with a notice for the next page. */
    static Mono<String> notice(ServerWebExchange exchange, String path, String message) {
        return put(exchange, NOTICE, message).thenReturn("redirect:" + path);
    }

    /** Redirects to {@code path} with an error for the next page. */
    static Mono<String> error(ServerWebExchange exchange, String path, String message) {
        return put(exchange, ERROR, message).thenReturn("redirect:" + path);
    }

    /** The notice the last action left, once. */
    static Mono<String> notice(ServerWebExchange exchange) {
        return take(exchange, NOTICE);
    }

    /** The error the last action left, once. */
    static Mono<String> error(ServerWebExchange exchange) {
        return take(exchange, ERROR);
    }

    /**
     * Taken from the session once per request, however often the view resolves its model; and only by a GET: the
     * action's own request resolves its model too (even for the redirect) and must not take what it just left.
     */
    @SuppressWarnings("unchecked")
    private static Mono<String> take(ServerWebExchange exchange, String key) {
        if (exchange.getRequest().getMethod() != HttpMethod.GET) {
            return Mono.empty();
        }
        return (Mono<String>) exchange.getAttributes().computeIfAbsent(key, name -> exchange.getSession()
                .mapNotNull(session -> (String) session.getAttributes().remove(key))
                .cache());
    }

    private static Mono<Void> put(ServerWebExchange exchange, String key, String message) {
        return exchange.getSession().doOnNext(session -> session.getAttributes().put(key, message)).then();
    }
}
