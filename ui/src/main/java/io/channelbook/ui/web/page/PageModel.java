package io.channelbook.ui.web.page;

import io.channelbook.ui.security.ChannelbookUser;
import io.channelbook.ui.security.CurrentUser;
import io.channelbook.ui.security.Role;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.web.reactive.result.view.CsrfRequestDataValueProcessor;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What every page has: the user (from the login only), the navigation their role may use, the formatter, and the
 * CSRF token (forms rendered with {@code th:action} get it as a hidden field). A failure renders the error page with
 * the problem's message.
 */
@ControllerAdvice(basePackageClasses = PageModel.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class PageModel {

    record NavItem(String href, String label) {
    }

    @ModelAttribute("fmt")
    Formats fmt() {
        return Formats.INSTANCE;
    }

    @ModelAttribute("me")
    Mono<ChannelbookUser> me() {
        return CurrentUser.get();
    }

    @ModelAttribute("nav")
    Mono<List<NavItem>> nav() {
        return CurrentUser.get().map(user -> navigation(user.role())).defaultIfEmpty(List.of());
    }

    /**
     * The notice and the error the last action left for this page (see {@link Flash}); a page that sets its own
     * replaces them. Values, not a {@code Mono<Void>}: an empty model-attribute result would drop every attribute.
     */
    @ModelAttribute("notice")
    Mono<String> notice(ServerWebExchange exchange) {
        return Flash.notice(exchange);
    }

    @ModelAttribute("error")
    Mono<String> error(ServerWebExchange exchange) {
        return Flash.error(exchange);
    }

    @ModelAttribute("path")
    String path(ServerWebExchange exchange) {
        return exchange.getRequest().getPath().value();
    }

    @ModelAttribute("_csrf")
    Mono<CsrfToken> csrf(ServerWebExchange exchange) {
        Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
        if (token == null) {
            return Mono.empty();
        }
        return token.doOnSuccess(resolved -> exchange.getAttributes().put(CsrfRequestDataValueProcessor.DEFAULT_CSRF_ATTR_NAME, resolved));
    }

    @ExceptionHandler(Exception.class)
    Mono<String> failed(Exception error, ServerWebExchange exchange, Model model) {
        PageErrors.Refusal refusal = PageErrors.of(error, exchange);
        exchange.getResponse().setStatusCode(refusal.status());
        model.addAttribute("refusal", refusal);
        model.addAttribute("fmt", Formats.INSTANCE);
        return CurrentUser.get().doOnNext(user -> {
                    model.addAttribute("me", user);
                    model.addAttribute("nav", navigation(user.role()));
                })
                .then(csrf(exchange).doOnNext(token -> model.addAttribute("_csrf", token)))
                .thenReturn("error");
    }

    static List<NavItem> navigation(Role role) {
        List<NavItem> items = new ArrayList<>();
        if (role.isPartnerRole()) {
            items.add(new NavItem("/portal", "Dashboard"));
            items.add(new NavItem("/portal/deals", "Deals"));
            items.add(new NavItem("/portal/statements", "Statements"));
            if (role == Role.PARTNER_ADMIN) {
                items.add(new NavItem("/portal/team", "Team"));
            }
        } else {
            items.add(new NavItem("/console/partners", "Partners"));
            if (Set.of(Role.PROGRAM_ADMIN, Role.CHANNEL_MANAGER, Role.ANALYST).contains(role)) {
                items.add(new NavItem("/console/deals", "Deal review"));
            }
            items.add(new NavItem("/console/plans", "Commission plans"));
            if (Set.of(Role.PROGRAM_ADMIN, Role.ANALYST).contains(role)) {
                items.add(new NavItem("/console/reports", "Reports"));
            }
            if (Set.of(Role.PROGRAM_ADMIN, Role.FINANCE).contains(role)) {
                items.add(new NavItem("/console/finance", "Finance"));
                items.add(new NavItem("/console/audit", "Audit trail"));
            }
        }
        items.add(new NavItem("/account/profile", "Profile"));
        return items;
    }
}
