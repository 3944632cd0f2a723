package io.channelbook.ui.web.page;

import io.channelbook.ui.security.CurrentUser;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.List;

/** The login page (the form posts to Spring Security's login filter) and the start page, which sends each role home. */
@Controller
class LoginPages {

    record Provider(String href, String name) {
    }

    private final List<Provider> providers;

    LoginPages(ObjectProvider<ReactiveClientRegistrationRepository> oidc) {
        List<Provider> found = new ArrayList<>();
        if (oidc.getIfAvailable() instanceof Iterable<?> registrations) {
            for (Object registration : registrations) {
                if (registration instanceof ClientRegistration client) {
                    found.add(new Provider("/oauth2/authorization/" + client.getRegistrationId(), client.getClientName()));
                }
            }
        }
        this.providers = List.copyOf(found);
    }

    @GetMapping("/login")
    String login(ServerWebExchange exchange, Model model) {
        var params = exchange.getRequest().getQueryParams();
        if (params.containsKey("error")) {
            model.addAttribute("error", "That email and password do not match an active account, or there were too many attempts. Try again in a few minutes.");
        }
        if (params.containsKey("logout")) {
            model.addAttribute("notice", "You are logged out.");
        } else if (params.containsKey("passwordChanged")) {
            model.addAttribute("notice", "Your password was changed. Log in with the new one.");
        } else if (params.containsKey("invited")) {
            model.addAttribute("notice", "Your account is ready. Log in with your email and the password you chose.");
        }
        model.addAttribute("providers", providers);
        return "login";
    }

    @GetMapping("/")
    Mono<String> home() {
        return CurrentUser.get()
                .map(user -> user.isPartnerUser() ? "redirect:/portal" : "redirect:/console/partners")
                .defaultIfEmpty("redirect:/login");
    }
}
