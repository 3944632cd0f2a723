package io.channelbook.ui.web.page;

import org.springframework.ui.Model;
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

    /** Moves what the last action left into the model, once. */
    static Mono<Void> toModel(ServerWebExchange exchange, Model model) {
        return exchange.getSession().doOnNext(session -> {
            Object notice = session.getAttributes().remove(NOTICE);
            Object error = session.getAttributes().remove(ERROR);
            if (notice != null) {
                model.addAttribute("notice", notice);
            }
            if (error != null) {
                model.addAttribute("error", error);
            }
        }).then();
    }

    private static Mono<Void> put(ServerWebExchange exchange, String key, String message) {
        return exchange.getSession().doOnNext(session -> session.getAttributes().put(key, message)).then();
    }
}
