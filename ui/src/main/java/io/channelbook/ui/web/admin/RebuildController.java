package io.channelbook.ui.web.admin;

import io.channelbook.api.report.FindRebuildQuery;
import io.channelbook.api.report.FindRebuildsQuery;
import io.channelbook.api.report.RebuildList;
import io.channelbook.api.report.RebuildReadModelCommand;
import io.channelbook.api.report.RebuildStatus;
import io.channelbook.ui.web.CommandDispatcher;
import io.channelbook.ui.web.problem.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.net.URI;

/**
 * Rebuilds of live read models (program admins): reset a processing group's tokens and follow the replay. While a
 * rebuild runs the read model it feeds is incomplete: the reset drops its documents and they refill in event order,
 * so pages and API reads of it show partial data until the rebuild is COMPLETED ({@code GET /api/admin/rebuilds}
 * lists the running ones).
 */
@RestController
@RequestMapping("/api/admin/rebuilds")
@Tag(name = "Read-model rebuilds", description = "Reset a projection's tokens and replay the event history into it")
class RebuildController {

    record RebuildRequest(@NotBlank @Size(max = 100) String processingGroup) {
    }

    private final CommandDispatcher commands;
    private final QueryGateway queries;

    RebuildController(CommandDispatcher commands, QueryGateway queries) {
        this.commands = commands;
        this.queries = queries;
    }

    @PostMapping
    @Operation(summary = "Rebuild a read model: its processing group's tokens are reset and the projection replays the "
            + "whole history (202; 409 while one runs; 400 for a group that cannot be rebuilt)")
    Mono<ResponseEntity<Object>> rebuild(@Valid @RequestBody RebuildRequest request, ServerWebExchange exchange) {
        String group = request.processingGroup().strip();
        return commands.send(new RebuildReadModelCommand(group), exchange)
                .then(status(group))
                .map(status -> ResponseEntity.status(HttpStatus.ACCEPTED)
                        .location(URI.create("/api/admin/rebuilds/" + group)).body((Object) status));
    }

    @GetMapping
    @Operation(summary = "Which processing groups can be rebuilt, and the latest rebuild of each since the start")
    Mono<RebuildList> rebuilds() {
        return Mono.fromFuture(() -> queries.query(new FindRebuildsQuery(), ResponseTypes.instanceOf(RebuildList.class)));
    }

    @GetMapping("/{group}")
    @Operation(summary = "The latest rebuild of a group: status, position reached and target (the head when it started)")
    Mono<RebuildStatus> rebuild(@PathVariable String group) {
        return status(group).switchIfEmpty(Mono.error(() -> notFound(group)));
    }

    @GetMapping(path = "/{group}/progress", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Server-Sent Events (event 'rebuild') of a rebuild's progress until it is final")
    Flux<ServerSentEvent<RebuildStatus>> progress(@PathVariable String group) {
        return Flux.using(
                () -> queries.subscriptionQuery(new FindRebuildQuery(group),
                        ResponseTypes.instanceOf(RebuildStatus.class), ResponseTypes.instanceOf(RebuildStatus.class)),
                subscription -> subscription.initialResult()
                        .switchIfEmpty(Mono.error(() -> notFound(group)))
                        .flatMapMany(initial -> initial.status().isFinal() ? Flux.just(initial)
                                : Flux.concat(Flux.just(initial), subscription.updates())
                                .takeUntil(status -> status.status().isFinal()))
                        .map(status -> ServerSentEvent.builder(status).event("rebuild").build()),
                SubscriptionQueryResult::close);
    }

    private Mono<RebuildStatus> status(String group) {
        return Mono.fromFuture(() -> queries.query(new FindRebuildQuery(group), ResponseTypes.instanceOf(RebuildStatus.class)));
    }

    private static ApiProblem notFound(String group) {
        return ApiProblem.notFound("rebuild_not_found", "No rebuild of " + group + " since the service started");
    }
}
