package io.channelbook.ui.web.page;

import io.channelbook.api.commission.CommissionPlanView;
import io.channelbook.api.commission.FindCommissionPlanQuery;
import io.channelbook.api.commission.FindCommissionPlansQuery;
import io.channelbook.api.commission.PublishCommissionPlanCommand;
import io.channelbook.ui.web.CommandDispatcher;
import io.channelbook.ui.web.problem.ApiProblem;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Commission plans: every plan with its published versions and assignments, its draft, and publishing the draft. */
@Controller
class ConsolePlanPages {

    private final CommandDispatcher commands;
    private final QueryGateway queries;
    private final Clock clock;

    ConsolePlanPages(CommandDispatcher commands, QueryGateway queries, Clock clock) {
        this.commands = commands;
        this.queries = queries;
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

    @GetMapping("/console/plans/{planId}")
    Mono<String> plan(@PathVariable String planId, @RequestParam(required = false) String notice,
                      @RequestParam(required = false) String error, Model model) {
        model.addAttribute("notice", notice);
        model.addAttribute("error", error);
        model.addAttribute("today", LocalDate.now(clock).toString());
        return find(planId).map(plan -> {
            model.addAttribute("plan", plan);
            return "console/plan";
        });
    }

    @PostMapping(path = "/console/plans/{planId}/publish", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    Mono<String> publish(@PathVariable String planId, ServerWebExchange exchange) {
        return exchange.getFormData().flatMap(form -> {
            LocalDate effectiveFrom;
            try {
                effectiveFrom = LocalDate.parse(String.valueOf(form.getFirst("effectiveFrom")).strip());
            } catch (DateTimeParseException invalid) {
                return Mono.just(back(planId, "error", "Enter the date the version takes effect (yyyy-mm-dd)."));
            }
            return commands.send(new PublishCommissionPlanCommand(planId, effectiveFrom), exchange)
                    .thenReturn(back(planId, "notice", "Published; deals closed from " + effectiveFrom + " use the new version."))
                    .onErrorResume(error -> Mono.just(back(planId, "error", PageErrors.of(error, exchange).message())));
        });
    }

    private Mono<CommissionPlanView> find(String planId) {
        return Mono.fromFuture(() -> queries.query(new FindCommissionPlanQuery(planId), ResponseTypes.instanceOf(CommissionPlanView.class)))
                .switchIfEmpty(Mono.error(() -> ApiProblem.notFound("plan_not_found", "No commission plan with id " + planId)));
    }

    private static String back(String planId, String kind, String message) {
        return "redirect:/console/plans/" + planId + "?" + kind + "=" + ConsoleDealPages.encode(message);
    }
}
