package io.channelbook.ui.web.page;

import io.channelbook.api.commission.AssignCommissionPlanCommand;
import io.channelbook.api.commission.CommissionPlanAssignments;
import io.channelbook.api.commission.CommissionPlanTerms;
import io.channelbook.api.commission.CommissionPlanView;
import io.channelbook.api.commission.CreateCommissionPlanCommand;
import io.channelbook.api.commission.FindCommissionPlanQuery;
import io.channelbook.api.commission.FindCommissionPlansQuery;
import io.channelbook.api.commission.PeriodUnit;
import io.channelbook.api.commission.PlanScope;
import io.channelbook.api.commission.PlanVersionView;
import io.channelbook.api.commission.PublishCommissionPlanCommand;
import io.channelbook.api.commission.RuleKind;
import io.channelbook.api.commission.ScopeKind;
import io.channelbook.api.commission.UpdateCommissionPlanDraftCommand;
import io.channelbook.api.partner.FindPartnersQuery;
import io.channelbook.api.partner.PartnerPage;
import io.channelbook.api.partner.PartnerSummary;
import io.channelbook.ui.web.CommandDispatcher;
import io.channelbook.ui.web.commission.CommissionPlanRequests;
import io.channelbook.ui.web.problem.ApiProblem;
import jakarta.validation.Validator;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Commission plans: every plan with its published versions and assignments; for program admins, creating a plan,
 * editing its draft (every rule kind), publishing the draft as a version in force from a date, and assigning the
 * plan to the program, a tier or a partner. The same commands the API sends; a refusal is shown next to the form
 * that caused it, with what was typed kept.
 */
@Controller
class ConsolePlanPages {

    private static final Duration CATCH_UP = Duration.ofSeconds(5);

    private final CommandDispatcher commands;
    private final QueryGateway queries;
    private final Reads reads;
    private final Validator validator;
    private final Clock clock;

    ConsolePlanPages(CommandDispatcher commands, QueryGateway queries, Reads reads, Validator validator, Clock clock) {
        this.commands = commands;
        this.queries = queries;
        this.reads = reads;
        this.validator = validator;
        this.clock = clock;
    }

    @GetMapping("/console/plans")
    Mono<String> plans(Model model) {
        return Mono.fromFuture(() -> queries.query(new FindCommissionPlansQuery(), ResponseTypes.multipleInstancesOf(CommissionPlanView.class)))
                .defaultIfEmpty(List.of())
                .map(plans -> {
                    model.addAttribute("plans", plans);
                    return "console/plans";
                });
    }

    @GetMapping("/console/plans/new")
    String newPlan(Model model) {
        editor(model, null, PlanForm.empty(), Map.of());
        return "console/plan-edit";
    }

    @PostMapping(path = "/console/plans", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    Mono<String> create(ServerWebExchange exchange, Model model) {
        return exchange.getFormData().flatMap(fields -> {
            PlanForm form = PlanForm.of(fields);
            if (fields.containsKey("addRule")) {
                editor(model, null, form, Map.of());
                return Mono.just("console/plan-edit");
            }
            Map<String, String> errors = new java.util.LinkedHashMap<>(form.nameErrors());
            PlanForm.Parsed parsed = form.parse(validator);
            errors.putAll(parsed.errors());
            if (!errors.isEmpty()) {
                return refused(exchange, model, null, form, errors, HttpStatus.BAD_REQUEST, "Please correct the highlighted fields.");
            }
            String planId = UUID.randomUUID().toString();
            return Mono.fromCallable(parsed.terms()::toTerms)
                    .flatMap(terms -> commands.send(new CreateCommissionPlanCommand(planId, form.name().strip(), terms), exchange))
                    .then(planWhen(planId, Objects::nonNull))
                    .then(Flash.notice(exchange, "/console/plans/" + planId,
                            "Plan created with its first draft. Publish it to put it in force."))
                    .onErrorResume(error -> refusedBy(error, exchange, model, null, form));
        });
    }

    @GetMapping("/console/plans/{planId}")
    Mono<String> plan(@PathVariable String planId, Model model) {
        return show(planId, model, LocalDate.now(clock).toString(), "");
    }

    @GetMapping("/console/plans/{planId}/draft")
    Mono<String> draft(@PathVariable String planId, Model model) {
        return find(planId).map(plan -> {
            CommissionPlanTerms start = plan.draft() != null ? plan.draft()
                    : plan.versions().isEmpty() ? null : plan.versions().get(plan.versions().size() - 1).terms();
            editor(model, plan, start == null ? PlanForm.empty() : PlanForm.of(plan.name(), start), Map.of());
            return "console/plan-edit";
        });
    }

    @PostMapping(path = "/console/plans/{planId}/draft", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    Mono<String> saveDraft(@PathVariable String planId, ServerWebExchange exchange, Model model) {
        return Mono.zip(find(planId), exchange.getFormData()).flatMap(input -> {
            CommissionPlanView plan = input.getT1();
            PlanForm form = PlanForm.of(input.getT2());
            if (input.getT2().containsKey("addRule")) {
                editor(model, plan, form, Map.of());
                return Mono.just("console/plan-edit");
            }
            PlanForm.Parsed parsed = form.parse(validator);
            if (!parsed.errors().isEmpty()) {
                return refused(exchange, model, plan, form, parsed.errors(), HttpStatus.BAD_REQUEST, "Please correct the highlighted fields.");
            }
            return Mono.fromCallable(parsed.terms()::toTerms)
                    .flatMap(terms -> commands.send(new UpdateCommissionPlanDraftCommand(planId, terms), exchange)
                            .then(planWhen(planId, view -> Objects.equals(view.draft(), terms))))
                    .then(Flash.notice(exchange, "/console/plans/" + planId, "Draft saved."))
                    .onErrorResume(error -> refusedBy(error, exchange, model, plan, form));
        });
    }

    @PostMapping(path = "/console/plans/{planId}/publish", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    Mono<String> publish(@PathVariable String planId, ServerWebExchange exchange, Model model) {
        return Mono.zip(find(planId), exchange.getFormData()).flatMap(input -> {
            String typed = value(input.getT2(), "effectiveFrom");
            LocalDate effectiveFrom;
            try {
                effectiveFrom = LocalDate.parse(typed);
            } catch (DateTimeParseException invalid) {
                model.addAttribute("publishError", "Enter the date the version takes effect (yyyy-mm-dd).");
                exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
                return show(planId, model, typed, "");
            }
            int before = input.getT1().versions().size();
            return commands.send(new PublishCommissionPlanCommand(planId, effectiveFrom), exchange)
                    .then(planWhen(planId, view -> view.versions().size() > before))
                    .then(Flash.notice(exchange, "/console/plans/" + planId,
                            "Version " + (before + 1) + " published: deals closed from " + Formats.INSTANCE.date(effectiveFrom) + " use it."))
                    .onErrorResume(error -> {
                        PageErrors.Refusal refusal = PageErrors.of(error, exchange);
                        model.addAttribute("publishError", refusal.message());
                        exchange.getResponse().setStatusCode(refusal.status());
                        return show(planId, model, typed, "");
                    });
        });
    }

    @PostMapping(path = "/console/plans/{planId}/assign", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    Mono<String> assign(@PathVariable String planId, ServerWebExchange exchange, Model model) {
        return Mono.zip(find(planId), exchange.getFormData()).flatMap(input -> {
            String chosen = value(input.getT2(), "scope");
            String tier = value(input.getT2(), "tier");
            PlanScope scope;
            try {
                scope = scope(chosen, tier);
            } catch (RuntimeException invalid) {
                model.addAttribute("assignError", PageErrors.of(invalid, exchange).message());
                exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
                return show(planId, model, LocalDate.now(clock).toString(), tier);
            }
            return commands.send(new AssignCommissionPlanCommand(CommissionPlanAssignments.ID, scope, planId), exchange)
                    .then(planWhen(planId, view -> view.assignedTo().contains(scope)))
                    .then(Flash.notice(exchange, "/console/plans/" + planId, "Assigned to " + describe(scope) + "."))
                    .onErrorResume(error -> {
                        PageErrors.Refusal refusal = PageErrors.of(error, exchange);
                        model.addAttribute("assignError", refusal.message());
                        exchange.getResponse().setStatusCode(refusal.status());
                        return show(planId, model, LocalDate.now(clock).toString(), tier);
                    });
        });
    }

    /** {@code PROGRAM}, {@code TIER:GOLD} or {@code PARTNER:<id>} from the list; a typed tier name wins. */
    private static PlanScope scope(String chosen, String tier) {
        if (!tier.isBlank()) {
            if (!tier.strip().matches("[A-Za-z][A-Za-z0-9_-]{0,49}")) {
                throw ApiProblem.badRequest("scope_invalid", "A tier name is letters, digits, _ and -, such as GOLD.");
            }
            return new CommissionPlanRequests.Scope(ScopeKind.TIER, tier).toScope();
        }
        if (chosen.isBlank()) {
            throw ApiProblem.badRequest("scope_invalid", "Choose what to assign the plan to.");
        }
        int colon = chosen.indexOf(':');
        ScopeKind kind;
        try {
            kind = ScopeKind.valueOf(colon < 0 ? chosen : chosen.substring(0, colon));
        } catch (IllegalArgumentException unknown) {
            throw ApiProblem.badRequest("scope_invalid", "Choose the program, a tier or a partner.");
        }
        return new CommissionPlanRequests.Scope(kind, colon < 0 ? null : chosen.substring(colon + 1)).toScope();
    }

    private static String describe(PlanScope scope) {
        return switch (scope.kind()) {
            case PROGRAM -> "the whole program";
            case TIER -> "tier " + scope.key();
            case PARTNER -> "partner " + scope.key();
        };
    }

    private Mono<String> show(String planId, Model model, String effectiveFrom, String tier) {
        model.addAttribute("effectiveFrom", effectiveFrom);
        model.addAttribute("typedTier", tier);
        return Mono.zip(find(planId), reads.one(new FindPartnersQuery(null, 0, 1000), PartnerPage.class)
                        .defaultIfEmpty(new PartnerPage(List.of(), 0, 1000, 0)))
                .map(loaded -> {
                    CommissionPlanView plan = loaded.getT1();
                    List<PartnerSummary> partners = loaded.getT2().items();
                    TreeSet<String> tiers = new TreeSet<>();
                    partners.stream().map(PartnerSummary::tier).filter(Objects::nonNull).forEach(tiers::add);
                    plan.versions().stream().map(PlanVersionView::terms).forEach(terms -> tiers.addAll(keys(terms)));
                    if (plan.draft() != null) {
                        tiers.addAll(keys(plan.draft()));
                    }
                    model.addAttribute("plan", plan);
                    model.addAttribute("tiers", tiers);
                    model.addAttribute("partners", partners);
                    model.addAttribute("partnerNames", partners.stream().collect(java.util.stream.Collectors.toMap(
                            PartnerSummary::partnerId, PartnerSummary::legalName, (a, b) -> a)));
                    return "console/plan";
                });
    }

    private static java.util.Set<String> keys(CommissionPlanTerms terms) {
        return terms.tierMultipliers() == null ? java.util.Set.of() : terms.tierMultipliers().keySet();
    }

    private void editor(Model model, CommissionPlanView plan, PlanForm form, Map<String, String> errors) {
        model.addAttribute("plan", plan);
        model.addAttribute("form", form.withBlankRow());
        model.addAttribute("errors", errors);
        model.addAttribute("ruleKinds", RuleKind.values());
        model.addAttribute("periods", PeriodUnit.values());
        model.addAttribute("kinds", PlanForm.FIELD_KINDS.keySet().stream()
                .collect(java.util.stream.Collectors.toMap(field -> field, PlanForm::kindsOf)));
    }

    private Mono<String> refused(ServerWebExchange exchange, Model model, CommissionPlanView plan, PlanForm form,
                                 Map<String, String> errors, HttpStatus status, String message) {
        exchange.getResponse().setStatusCode(status);
        editor(model, plan, form, errors);
        model.addAttribute("error", message);
        return Mono.just("console/plan-edit");
    }

    /** A refusal of the command side (or of the request mapping): its message on top, each finding at its field. */
    private Mono<String> refusedBy(Throwable error, ServerWebExchange exchange, Model model, CommissionPlanView plan, PlanForm form) {
        PageErrors.Refusal refusal = PageErrors.of(error, exchange);
        exchange.getResponse().setStatusCode(refusal.status());
        editor(model, plan, form, form.placeRefusal(refusal.message()));
        model.addAttribute("error", refusal.message());
        model.addAttribute("errorCode", refusal.code());
        return Mono.just("console/plan-edit");
    }

    private Mono<CommissionPlanView> find(String planId) {
        return Mono.fromFuture(() -> queries.query(new FindCommissionPlanQuery(planId), ResponseTypes.instanceOf(CommissionPlanView.class)))
                .switchIfEmpty(Mono.error(() -> ApiProblem.notFound("plan_not_found", "No commission plan with id " + planId)));
    }

    /** Waits (bounded) until the plan's read model shows what the command just changed. */
    private Mono<CommissionPlanView> planWhen(String planId, Predicate<CommissionPlanView> condition) {
        return Mono.defer(() -> Mono.fromFuture(() -> queries.query(new FindCommissionPlanQuery(planId),
                        ResponseTypes.instanceOf(CommissionPlanView.class))))
                .filter(condition)
                .repeatWhenEmpty(repeats -> repeats.delayElements(Duration.ofMillis(100)))
                .timeout(CATCH_UP, Mono.empty());
    }

    private static String value(MultiValueMap<String, String> form, String name) {
        String value = form.getFirst(name);
        return value == null ? "" : value.strip();
    }
}
