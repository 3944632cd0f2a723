package io.channelbook.ui.web.page;

import io.channelbook.ui.security.ChannelbookUser;
import io.channelbook.ui.security.CurrentUser;
import io.channelbook.ui.security.account.UserAccountStore;
import io.channelbook.ui.security.invitation.InvitationService;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Clock;

/**
 * Account pages for people in a browser (session login, CSRF on): password change and accepting an invitation, in
 * the pages' shared layout.
 */
@Controller
class AccountPages {

    private final UserAccountStore accounts;
    private final PasswordEncoder passwordEncoder;
    private final InvitationService invitations;
    private final Clock clock;

    AccountPages(UserAccountStore accounts, PasswordEncoder passwordEncoder, InvitationService invitations, Clock clock) {
        this.accounts = accounts;
        this.passwordEncoder = passwordEncoder;
        this.invitations = invitations;
        this.clock = clock;
    }

    @GetMapping("/account/password")
    String passwordForm() {
        return "account/password";
    }

    @PostMapping(path = "/account/password", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    Mono<String> changePassword(ServerWebExchange exchange, Model model) {
        return Mono.zip(exchange.getFormData(), CurrentUser.get())
                .publishOn(Schedulers.boundedElastic())
                .flatMap(form -> {
                    MultiValueMap<String, String> fields = form.getT1();
                    ChannelbookUser user = form.getT2();
                    String current = fields.getFirst("currentPassword");
                    String next = fields.getFirst("newPassword");
                    if (user.method() != ChannelbookUser.LoginMethod.PASSWORD) {
                        return refused(exchange, model, "account/password", "Your password is managed by your identity provider.");
                    }
                    if (next == null || next.length() < 12 || next.length() > 128) {
                        return refused(exchange, model, "account/password", "The new password must be 12 to 128 characters.");
                    }
                    if (!next.equals(fields.getFirst("confirmPassword"))) {
                        return refused(exchange, model, "account/password", "The two new passwords differ.");
                    }
                    return accounts.find(user.email()).flatMap(account -> {
                        if (current == null || !passwordEncoder.matches(current, account.passwordHash())) {
                            return refused(exchange, model, "account/password", "The current password is wrong.");
                        }
                        // a fresh login picks up the new state (and ends the one-time-password restriction)
                        return accounts.changePassword(account, passwordEncoder.encode(next), clock.instant())
                                .then(exchange.getSession().flatMap(session -> session.invalidate()))
                                .thenReturn("redirect:/login?passwordChanged");
                    });
                });
    }

    @GetMapping("/invitations/{token}")
    String invitationForm(@PathVariable String token, Model model) {
        model.addAttribute("token", token);
        return "account/invitation";
    }

    @PostMapping(path = "/invitations/{token}", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    Mono<String> acceptInvitation(@PathVariable String token, ServerWebExchange exchange, Model model) {
        model.addAttribute("token", token);
        return exchange.getFormData().flatMap(form -> {
            String password = form.getFirst("password");
            model.addAttribute("displayName", form.getFirst("displayName"));
            if (password == null || password.length() < 12 || password.length() > 128) {
                return refused(exchange, model, "account/invitation", "The password must be 12 to 128 characters.");
            }
            if (!password.equals(form.getFirst("confirmPassword"))) {
                return refused(exchange, model, "account/invitation", "The two passwords differ.");
            }
            return invitations.accept(token, password, form.getFirst("displayName"))
                    .thenReturn("redirect:/login?invited")
                    .onErrorResume(ErrorResponseException.class, refusal -> {
                        exchange.getResponse().setStatusCode(refusal.getStatusCode());
                        model.addAttribute("error", refusal.getBody().getDetail());
                        return Mono.just("account/invitation");
                    });
        });
    }

    private static Mono<String> refused(ServerWebExchange exchange, Model model, String view, String message) {
        exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
        model.addAttribute("error", message);
        return Mono.just(view);
    }
}
