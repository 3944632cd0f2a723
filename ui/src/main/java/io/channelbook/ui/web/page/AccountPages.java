package io.channelbook.ui.web.page;

import io.channelbook.ui.security.ChannelbookUser;
import io.channelbook.ui.security.CurrentUser;
import io.channelbook.ui.security.account.UserAccountStore;
import io.channelbook.ui.security.invitation.InvitationService;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.net.URI;
import java.time.Clock;

/**
 * Account pages for people in a browser (session login, CSRF on): password change and accepting an invitation.
 */
@RestController
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

    @GetMapping(path = "/account/password", produces = MediaType.TEXT_HTML_VALUE)
    Mono<String> passwordForm(ServerWebExchange exchange) {
        return csrf(exchange).map(csrf -> passwordPage(csrf, null));
    }

    @PostMapping(path = "/account/password", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE, produces = MediaType.TEXT_HTML_VALUE)
    Mono<ResponseEntity<String>> changePassword(ServerWebExchange exchange) {
        return Mono.zip(csrf(exchange), exchange.getFormData(), CurrentUser.get())
                .publishOn(Schedulers.boundedElastic())
                .flatMap(form -> {
                    CsrfToken csrf = form.getT1();
                    MultiValueMap<String, String> fields = form.getT2();
                    ChannelbookUser user = form.getT3();
                    String current = fields.getFirst("currentPassword");
                    String next = fields.getFirst("newPassword");
                    if (user.method() != ChannelbookUser.LoginMethod.PASSWORD) {
                        return Mono.just(badRequest(passwordPage(csrf, "Your password is managed by your identity provider.")));
                    }
                    if (next == null || next.length() < 12 || next.length() > 128) {
                        return Mono.just(badRequest(passwordPage(csrf, "The new password must be 12 to 128 characters.")));
                    }
                    if (!next.equals(fields.getFirst("confirmPassword"))) {
                        return Mono.just(badRequest(passwordPage(csrf, "The two new passwords differ.")));
                    }
                    return accounts.find(user.email()).flatMap(account -> {
                        if (current == null || !passwordEncoder.matches(current, account.passwordHash())) {
                            return Mono.just(badRequest(passwordPage(csrf, "The current password is wrong.")));
                        }
                        // a fresh login picks up the new state (and ends the one-time-password restriction)
                        return accounts.changePassword(account, passwordEncoder.encode(next), clock.instant())
                                .then(exchange.getSession().flatMap(session -> session.invalidate()))
                                .thenReturn(ResponseEntity.status(HttpStatus.SEE_OTHER)
                                        .location(URI.create("/login?passwordChanged")).<String>build());
                    });
                });
    }

    @GetMapping(path = "/invitations/{token}", produces = MediaType.TEXT_HTML_VALUE)
    Mono<String> invitationForm(@PathVariable String token, ServerWebExchange exchange) {
        return csrf(exchange).map(csrf -> invitationPage(token, csrf, null));
    }

    @PostMapping(path = "/invitations/{token}", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE, produces = MediaType.TEXT_HTML_VALUE)
    Mono<ResponseEntity<String>> acceptInvitation(@PathVariable String token, ServerWebExchange exchange) {
        return Mono.zip(csrf(exchange), exchange.getFormData()).flatMap(form -> {
            String password = form.getT2().getFirst("password");
            if (password == null || password.length() < 12 || password.length() > 128) {
                return Mono.just(badRequest(invitationPage(token, form.getT1(), "The password must be 12 to 128 characters.")));
            }
            if (!password.equals(form.getT2().getFirst("confirmPassword"))) {
                return Mono.just(badRequest(invitationPage(token, form.getT1(), "The two passwords differ.")));
            }
            return invitations.accept(token, password, form.getT2().getFirst("displayName"))
                    .map(account -> ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create("/login?invited")).<String>build())
                    .onErrorResume(ErrorResponseException.class, refused -> Mono.just(ResponseEntity
                            .status(refused.getStatusCode())
                            .contentType(MediaType.TEXT_HTML)
                            .body(invitationPage(token, form.getT1(), refused.getBody().getDetail()))));
        });
    }

    private static String passwordPage(CsrfToken csrf, String error) {
        return Html.page("Change password", Html.message("error", error)
                + "<form method=\"post\" action=\"/account/password\">" + Html.csrfField(csrf)
                + "<label for=\"currentPassword\">Current password</label>"
                + "<input id=\"currentPassword\" name=\"currentPassword\" type=\"password\" autocomplete=\"current-password\" required>"
                + "<label for=\"newPassword\">New password (12 characters or more)</label>"
                + "<input id=\"newPassword\" name=\"newPassword\" type=\"password\" autocomplete=\"new-password\" minlength=\"12\" maxlength=\"128\" required>"
                + "<label for=\"confirmPassword\">New password again</label>"
                + "<input id=\"confirmPassword\" name=\"confirmPassword\" type=\"password\" autocomplete=\"new-password\" minlength=\"12\" maxlength=\"128\" required>"
                + "<button type=\"submit\">Change password</button></form>");
    }

    private static String invitationPage(String token, CsrfToken csrf, String error) {
        return Html.page("Join Channelbook", Html.message("error", error)
                + "<form method=\"post\" action=\"/invitations/" + Html.escape(token) + "\">" + Html.csrfField(csrf)
                + "<label for=\"displayName\">Your name</label>"
                + "<input id=\"displayName\" name=\"displayName\" autocomplete=\"name\" maxlength=\"200\">"
                + "<label for=\"password\">Password (12 characters or more)</label>"
                + "<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"new-password\" minlength=\"12\" maxlength=\"128\" required>"
                + "<label for=\"confirmPassword\">Password again</label>"
                + "<input id=\"confirmPassword\" name=\"confirmPassword\" type=\"password\" autocomplete=\"new-password\" minlength=\"12\" maxlength=\"128\" required>"
                + "<button type=\"submit\">Create my account</button></form>");
    }

    private static ResponseEntity<String> badRequest(String html) {
        return ResponseEntity.badRequest().contentType(MediaType.TEXT_HTML).body(html);
    }

    private static Mono<CsrfToken> csrf(ServerWebExchange exchange) {
        Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
        return token != null ? token : Mono.error(new IllegalStateException("CSRF protection is not active on this page"));
    }
}
