package io.channelbook.ui.web.commission;

import io.channelbook.api.commission.AssignCommissionPlanCommand;
import io.channelbook.api.commission.CommissionPlanAssignments;
import io.channelbook.api.commission.CommissionPlanView;
import io.channelbook.api.commission.CreateCommissionPlanCommand;
import io.channelbook.api.commission.FindCommissionPlanQuery;
import io.channelbook.api.commission.FindCommissionPlansQuery;
import io.channelbook.api.commission.PlanScope;
import io.channelbook.api.commission.PublishCommissionPlanCommand;
import io.channelbook.api.commission.UpdateCommissionPlanDraftCommand;
import io.channelbook.ui.web.CommandDispatcher;
import io.channelbook.ui.web.problem.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Commission plans: a draft that program admins edit, published as immutable versions in force from a date, and
 * assigned to the program, a tier or a partner. Vendor staff may read them.
 */
@RestController
@RequestMapping("/api/commission-plans")
@Tag(name = "Commission plans")
class CommissionPlanController {

    private final CommandDispatcher commands;
    private final QueryGateway queries;

    CommissionPlanController(CommandDispatcher commands, QueryGateway queries) {
        this.commands = commands;
        this.queries = queries;
    }

    @PostMapping
    @Operation(summary = "Create a plan with its first draft (program admins)",
            description = "Money values are {amount, currency} in major units; rates and multipliers are decimals "
                    + "(\"0.10\" = 10%). The draft is checked when it is stored: a rule without the fields its kind "
                    + "needs, or a negative rate, is refused with 400 or 422 and a code saying what is wrong.")
    Mono<ResponseEntity<Map<String, Object>>> create(@Valid @RequestBody CommissionPlanRequests.Create request,
                                                     ServerWebExchange exchange) {
        String planId = UUID.randomUUID().toString();
        CreateCommissionPlanCommand command = new CreateCommissionPlanCommand(planId, request.name().strip(), request.draft().toTerms());
        return commands.send(command, exchange)
                .then(Mono.fromSupplier(() -> ResponseEntity.created(URI.create("/api/commission-plans/" + planId))
                        .body(Map.<String, Object>of("planId", planId))));
    }

    @GetMapping
    @Operation(summary = "All plans by name, with their drafts, versions and assignments (vendor staff)")
    Flux<CommissionPlanView> list() {
        return Mono.fromFuture(() -> queries.query(new FindCommissionPlansQuery(),
                        ResponseTypes.multipleInstancesOf(CommissionPlanView.class)))
                .flatMapMany(Flux::fromIterable);
    }

    @GetMapping("/{planId}")
    @Operation(summary = "One plan: its draft, every published version and where it is assigned (vendor staff)")
    Mono<CommissionPlanView> detail(@PathVariable String planId) {
        return find(planId);
    }

    @PutMapping("/{planId}/draft")
    @Operation(summary = "Replace the plan's draft terms (after a publication this starts the next version's draft)")
    Mono<ResponseEntity<Map<String, Object>>> updateDraft(@PathVariable String planId,
                                                          @Valid @RequestBody CommissionPlanRequests.UpdateDraft request,
                                                          ServerWebExchange exchange) {
        return accepted(planId, commands.send(new UpdateCommissionPlanDraftCommand(planId, request.terms().toTerms()), exchange), null);
    }

    @PostMapping("/{planId}/versions")
    @Operation(summary = "Publish the draft as the next immutable version, in force for deals closed on or after effectiveFrom",
            description = "A version whose effective date is not after the latest version's is refused (409 or 422).")
    Mono<ResponseEntity<Map<String, Object>>> publish(@PathVariable String planId,
                                                      @Valid @RequestBody CommissionPlanRequests.Publish request,
                                                      ServerWebExchange exchange) {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("effectiveFrom", request.effectiveFrom().toString());
        return accepted(planId, commands.send(new PublishCommissionPlanCommand(planId, request.effectiveFrom()), exchange), extra);
    }

    @PutMapping("/assignments")
    @Operation(summary = "Assign a plan to the program, a tier or a partner; it replaces the plan assigned there before",
            description = "The most specific assignment applies to a deal: partner, then tier, then program.")
    Mono<ResponseEntity<Map<String, Object>>> assign(@Valid @RequestBody CommissionPlanRequests.Assign request,
                                                     ServerWebExchange exchange) {
        PlanScope scope = request.scope().toScope();
        String planId = request.planId().strip();
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("scope", scope);
        return accepted(planId, commands.send(new AssignCommissionPlanCommand(CommissionPlanAssignments.ID, scope, planId), exchange), extra);
    }

    private Mono<CommissionPlanView> find(String planId) {
        return Mono.fromFuture(() -> queries.query(new FindCommissionPlanQuery(planId), ResponseTypes.instanceOf(CommissionPlanView.class)))
                .switchIfEmpty(Mono.error(() -> ApiProblem.notFound("plan_not_found", "No commission plan with id " + planId)));
    }

    /** 202 with the plan id, what the request said, and the version number when the command answers one. */
    private static Mono<ResponseEntity<Map<String, Object>>> accepted(String planId, Mono<Object> command, Map<String, Object> extra) {
        return command.map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty())
                .map(result -> {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("planId", planId);
                    if (extra != null) {
                        body.putAll(extra);
                    }
                    result.filter(Integer.class::isInstance).ifPresent(version -> body.put("version", version));
                    return ResponseEntity.status(HttpStatus.ACCEPTED).body(body);
                });
    }
}
