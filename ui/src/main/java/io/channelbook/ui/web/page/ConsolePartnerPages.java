package io.channelbook.ui.web.page;

import io.channelbook.api.deal.DealPage;
import io.channelbook.api.deal.FindDealsQuery;
import io.channelbook.api.partner.ActivatePartnerCommand;
import io.channelbook.api.partner.FindPartnersQuery;
import io.channelbook.api.partner.PartnerPage;
import io.channelbook.api.partner.PartnerStatus;
import io.channelbook.api.partner.PartnerSummary;
import io.channelbook.api.partner.SuspendPartnerCommand;
import io.channelbook.ui.security.CurrentUser;
import io.channelbook.ui.security.Role;
import io.channelbook.ui.security.invitation.InvitationService;
import io.channelbook.ui.web.CommandDispatcher;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Locale;

/** Partners for vendor staff: list and search, detail with its deals, activate or suspend, invite its users. */
@Controller
class ConsolePartnerPages {

    private final CommandDispatcher commands;
    private final Reads reads;
    private final InvitationService invitations;

    ConsolePartnerPages(CommandDispatcher commands, Reads reads, InvitationService invitations) {
        this.commands = commands;
        this.reads = reads;
        this.invitations = invitations;
    }

    @GetMapping("/console/partners")
    Mono<String> list(@RequestParam(required = false) PartnerStatus status, @RequestParam(required = false) String q, Model model) {
        String search = q == null ? "" : q.strip().toLowerCase(Locale.ROOT);
        model.addAttribute("status", status);
        model.addAttribute("statuses", PartnerStatus.values());
        model.addAttribute("q", q == null ? "" : q);
        return reads.one(new FindPartnersQuery(status, 0, 1000), PartnerPage.class)
                .defaultIfEmpty(new PartnerPage(List.of(), 0, 1000, 0))
                .map(page -> {
                    List<PartnerSummary> shown = page.items().stream()
                            .filter(p -> search.isEmpty() || p.legalName().toLowerCase(Locale.ROOT).contains(search)
                                    || p.country().toLowerCase(Locale.ROOT).equals(search))
                            .toList();
                    model.addAttribute("partners", shown);
                    return "console/partners";
                });
    }

    @GetMapping("/console/partners/{partnerId}")
    Mono<String> detail(@PathVariable String partnerId, @RequestParam(required = false) String notice,
                        @RequestParam(required = false) String error, Model model) {
        model.addAttribute("notice", notice);
        model.addAttribute("error", error);
        model.addAttribute("partnerRoles", List.of(Role.PARTNER_ADMIN, Role.PARTNER_USER));
        return Mono.zip(reads.partner(partnerId),
                        reads.one(new FindDealsQuery(null, null, partnerId, null, null, null, null, null, 0, 100), DealPage.class)
                                .defaultIfEmpty(new DealPage(List.of(), 0, 100, 0)))
                .map(loaded -> {
                    model.addAttribute("partner", loaded.getT1());
                    model.addAttribute("deals", loaded.getT2().items());
                    return "console/partner";
                });
    }

    @PostMapping(path = "/console/partners/{partnerId}/{action}", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    Mono<String> act(@PathVariable String partnerId, @PathVariable String action, ServerWebExchange exchange) {
        return Mono.zip(reads.partner(partnerId), exchange.getFormData()).flatMap(input -> {
            String reason = input.getT2().getFirst("reason");
            if ("invite".equals(action)) {
                Role role = Role.parse(input.getT2().getFirst("role")).orElse(Role.PARTNER_USER);
                String email = input.getT2().getFirst("email");
                if (email == null || !email.strip().matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
                    return Mono.just(back(partnerId, "error", "Enter the invitee's email address."));
                }
                return CurrentUser.get().flatMap(inviter -> invitations.invite(inviter, email == null ? "" : email.strip(), role, partnerId))
                        .map(issued -> back(partnerId, "notice", "Invitation created for " + issued.email()
                                + ". Send them this link: " + issued.acceptUrl()))
                        .onErrorResume(error -> Mono.just(back(partnerId, "error", PageErrors.of(error, exchange).message())));
            }
            if (reason == null || reason.isBlank()) {
                return Mono.just(back(partnerId, "error", "Give a reason."));
            }
            Object command = switch (action) {
                case "activate" -> new ActivatePartnerCommand(partnerId, reason.strip());
                case "suspend" -> new SuspendPartnerCommand(partnerId, reason.strip());
                default -> null;
            };
            if (command == null) {
                return Mono.just("redirect:/console/partners/" + partnerId);
            }
            long before = input.getT1().version();
            return commands.send(command, exchange)
                    .then(reads.partnerWhen(partnerId, partner -> partner.version() > before))
                    .thenReturn(back(partnerId, "notice", "activate".equals(action) ? "Activated." : "Suspended."))
                    .onErrorResume(error -> Mono.just(back(partnerId, "error", PageErrors.of(error, exchange).message())));
        });
    }

    private static String back(String partnerId, String kind, String message) {
        return "redirect:/console/partners/" + partnerId + "?" + kind + "=" + ConsoleDealPages.encode(message);
    }
}
