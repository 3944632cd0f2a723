package io.channelbook.ui.web.page;

import io.channelbook.ui.security.CurrentUser;
import io.channelbook.ui.security.Role;
import io.channelbook.ui.security.invitation.InvitationService;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** A partner admin invites colleagues to their own partner (the partner comes from the admin's login). */
@Controller
class TeamPages {

    private final InvitationService invitations;

    TeamPages(InvitationService invitations) {
        this.invitations = invitations;
    }

    @GetMapping("/portal/team")
    String team() {
        return "portal/team";
    }

    @PostMapping(path = "/portal/team", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    Mono<String> invite(ServerWebExchange exchange, Model model) {
        return exchange.getFormData().flatMap(form -> {
            String email = form.getFirst("email") == null ? "" : form.getFirst("email").strip();
            Role role = Role.parse(form.getFirst("role")).filter(Role::isPartnerRole).orElse(Role.PARTNER_USER);
            if (!email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
                model.addAttribute("error", "Enter your colleague's email address.");
                return Mono.just("portal/team");
            }
            return CurrentUser.get()
                    .flatMap(admin -> invitations.invite(admin, email, role, null))
                    .map(issued -> {
                        model.addAttribute("notice", "Invitation created for " + issued.email() + ". It was mailed if mail is set up; "
                                + "you can also send them this one-time link: " + issued.acceptUrl());
                        return "portal/team";
                    })
                    .onErrorResume(error -> {
                        model.addAttribute("error", PageErrors.of(error, exchange).message());
                        return Mono.just("portal/team");
                    });
        });
    }
}
