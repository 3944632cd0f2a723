package io.channelbook.ui.web.page;

import io.channelbook.api.deal.DealPage;
import io.channelbook.api.deal.FindDealsQuery;
import io.channelbook.api.partner.ActivatePartnerCommand;
import io.channelbook.api.partner.ChangePartnerTierCommand;
import io.channelbook.api.partner.FindPartnersQuery;
import io.channelbook.api.partner.PartnerPage;
import io.channelbook.api.partner.PartnerStatus;
import io.channelbook.api.partner.PartnerSummary;
import io.channelbook.api.partner.PrimaryContact;
import io.channelbook.api.partner.ProgramType;
import io.channelbook.api.partner.RegisterPartnerCommand;
import io.channelbook.api.partner.SuspendPartnerCommand;
import io.channelbook.ui.security.CurrentUser;
import io.channelbook.ui.security.Role;
import io.channelbook.ui.security.invitation.InvitationService;
import io.channelbook.ui.web.CommandDispatcher;
import io.channelbook.ui.web.partner.PartnerDomains;
import io.channelbook.ui.web.partner.RegisterPartnerRequest;
import io.channelbook.ui.web.partner.TierChangeRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Partners for vendor staff: list and search, register, detail with its deals, activate or suspend, change the tier,
 * invite its users. Forms are checked as the API checks its bodies ({@link RegisterPartnerRequest},
 * {@link TierChangeRequest}).
 */
@Controller
class ConsolePartnerPages {

    /** Tiers offered in the tier form besides those partners already have; any other name may be typed. */
    private static final List<String> USUAL_TIERS = List.of("REGISTERED", "SILVER", "GOLD", "PLATINUM");

    private final CommandDispatcher commands;
    private final Reads reads;
    private final InvitationService invitations;
    private final Validator validator;

    ConsolePartnerPages(CommandDispatcher commands, Reads reads, InvitationService invitations, Validator validator) {
        this.commands = commands;
        this.reads = reads;
        this.invitations = invitations;
        this.validator = validator;
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
                                    || p.country().toLowerCase(Locale.ROOT).equals(search)
                                    || (p.tier() != null && p.tier().toLowerCase(Locale.ROOT).equals(search)))
                            .toList();
                    model.addAttribute("partners", shown);
                    return "console/partners";
                });
    }

    @GetMapping("/console/partners/new")
    String registerForm(Model model) {
        return registerPage(model, PartnerForm.empty(), Map.of());
    }

    @PostMapping(path = "/console/partners", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    Mono<String> register(ServerWebExchange exchange, Model model) {
        return exchange.getFormData().flatMap(fields -> {
            PartnerForm form = PartnerForm.of(fields);
            Map<String, String> errors = form.validate(validator);
            if (!errors.isEmpty()) {
                exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
                model.addAttribute("error", "Please correct the highlighted fields.");
                return Mono.just(registerPage(model, form, errors));
            }
            String partnerId = UUID.randomUUID().toString();
            return commands.send(new RegisterPartnerCommand(partnerId, form.legalName().strip(), form.country(),
                            PartnerDomains.normalize(form.websiteDomain()), ProgramType.valueOf(form.programType()),
                            new PrimaryContact(form.contactName().strip(), form.contactEmail().strip().toLowerCase(Locale.ROOT))), exchange)
                    .then(reads.partnerWhen(partnerId, partner -> true))
                    .then(Flash.notice(exchange, "/console/partners/" + partnerId,
                            "Registered. The partner is onboarding: activate it once the agreement is signed, and invite its users."))
                    .onErrorResume(error -> {
                        PageErrors.Refusal refusal = PageErrors.of(error, exchange);
                        exchange.getResponse().setStatusCode(refusal.status());
                        model.addAttribute("error", refusal.message());
                        return Mono.just(registerPage(model, form, errors));
                    });
        });
    }

    @GetMapping("/console/partners/{partnerId}")
    Mono<String> detail(@PathVariable String partnerId, Model model) {
        model.addAttribute("partnerRoles", List.of(Role.PARTNER_ADMIN, Role.PARTNER_USER));
        return Mono.zip(reads.partner(partnerId),
                        reads.one(new FindDealsQuery(null, null, partnerId, null, null, null, null, null, 0, 100), DealPage.class)
                                .defaultIfEmpty(new DealPage(List.of(), 0, 100, 0)),
                        reads.one(new FindPartnersQuery(null, 0, 1000), PartnerPage.class)
                                .defaultIfEmpty(new PartnerPage(List.of(), 0, 1000, 0)))
                .map(loaded -> {
                    model.addAttribute("partner", loaded.getT1());
                    model.addAttribute("deals", loaded.getT2().items());
                    TreeSet<String> tiers = new TreeSet<>(USUAL_TIERS);
                    loaded.getT3().items().stream().map(PartnerSummary::tier).filter(Objects::nonNull).forEach(tiers::add);
                    model.addAttribute("tiers", tiers);
                    return "console/partner";
                });
    }

    @PostMapping(path = "/console/partners/{partnerId}/{action}", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    Mono<String> act(@PathVariable String partnerId, @PathVariable String action, ServerWebExchange exchange) {
        String back = "/console/partners/" + partnerId;
        return Mono.zip(reads.partner(partnerId), exchange.getFormData()).flatMap(input -> {
            MultiValueMap<String, String> form = input.getT2();
            String reason = form.getFirst("reason");
            if ("invite".equals(action)) {
                Role role = Role.parse(form.getFirst("role")).filter(Role::isPartnerRole).orElse(Role.PARTNER_USER);
                String email = form.getFirst("email");
                if (email == null || !email.strip().matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
                    return Flash.error(exchange, back, "Enter the invitee's email address.");
                }
                return CurrentUser.get().flatMap(inviter -> invitations.invite(inviter, email.strip(), role, partnerId))
                        .flatMap(issued -> Flash.notice(exchange, back, "Invitation created for " + issued.email()
                                + ". Send them this link: " + issued.acceptUrl()))
                        .onErrorResume(error -> Flash.error(exchange, back, PageErrors.of(error, exchange).message()));
            }
            if (reason == null || reason.isBlank()) {
                return Flash.error(exchange, back, "Give a reason.");
            }
            Object command;
            String done;
            switch (action) {
                case "activate" -> {
                    command = new ActivatePartnerCommand(partnerId, reason.strip());
                    done = "Activated.";
                }
                case "suspend" -> {
                    command = new SuspendPartnerCommand(partnerId, reason.strip());
                    done = "Suspended.";
                }
                case "tier" -> {
                    String typed = form.getFirst("tier") == null ? "" : form.getFirst("tier").strip();
                    TierChangeRequest request = new TierChangeRequest(typed.isEmpty() ? null : typed, reason);
                    List<String> problems = validator.validate(request).stream().map(ConstraintViolation::getMessage).toList();
                    if (!problems.isEmpty()) {
                        return Flash.error(exchange, back, "Tier: " + String.join("; ", problems) + ".");
                    }
                    String tier = request.tier() == null ? null : request.tier().toUpperCase(Locale.ROOT);
                    command = new ChangePartnerTierCommand(partnerId, tier, reason.strip());
                    done = tier == null ? "The partner has no tier now." : "Moved to tier " + tier + ".";
                }
                default -> {
                    return Mono.just("redirect:" + back);
                }
            }
            long before = input.getT1().version();
            return commands.send(command, exchange)
                    .then(reads.partnerWhen(partnerId, partner -> partner.version() > before))
                    .then(Flash.notice(exchange, back, done))
                    .onErrorResume(error -> Flash.error(exchange, back, PageErrors.of(error, exchange).message()));
        });
    }

    private static String registerPage(Model model, PartnerForm form, Map<String, String> errors) {
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("programTypes", ProgramType.values());
        return "console/partner-new";
    }

    /** The registration form as typed. */
    record PartnerForm(String legalName, String country, String websiteDomain, String programType, String contactName,
                       String contactEmail) {

        static PartnerForm empty() {
            return new PartnerForm("", "", "", ProgramType.RESELLER.name(), "", "");
        }

        static PartnerForm of(MultiValueMap<String, String> fields) {
            return new PartnerForm(value(fields, "legalName"), value(fields, "country").strip().toUpperCase(Locale.ROOT),
                    value(fields, "websiteDomain"), value(fields, "programType"), value(fields, "contactName"), value(fields, "contactEmail"));
        }

        /** The API's checks of the same request, by form field. */
        Map<String, String> validate(Validator validator) {
            Map<String, String> errors = new TreeMap<>();
            ProgramType type = null;
            try {
                type = ProgramType.valueOf(programType);
            } catch (IllegalArgumentException unknown) {
                errors.put("programType", "Choose reseller, referral or services.");
            }
            RegisterPartnerRequest request = new RegisterPartnerRequest(legalName, country, websiteDomain, type,
                    new RegisterPartnerRequest.Contact(contactName, contactEmail));
            Map<String, String> names = new LinkedHashMap<>();
            names.put("primaryContact.name", "contactName");
            names.put("primaryContact.email", "contactEmail");
            for (ConstraintViolation<RegisterPartnerRequest> violation : validator.validate(request)) {
                String path = violation.getPropertyPath().toString();
                errors.putIfAbsent(names.getOrDefault(path, path), violation.getMessage());
            }
            return errors;
        }

        private static String value(MultiValueMap<String, String> fields, String name) {
            String value = fields.getFirst(name);
            return value == null ? "" : value;
        }
    }
}
