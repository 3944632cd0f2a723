package io.channelbook.ui.web;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Sends commands with the who/why metadata of the request that asked for them. */
@Component
public class CommandDispatcher {

    private final CommandGateway commandGateway;
    private final RequestMetadata requestMetadata;

    CommandDispatcher(CommandGateway commandGateway, RequestMetadata requestMetadata) {
        this.commandGateway = commandGateway;
        this.requestMetadata = requestMetadata;
    }

    public <R> Mono<R> send(Object command, ServerWebExchange exchange) {
        return requestMetadata.of(exchange).flatMap(metaData -> Mono.fromFuture(() -> commandGateway.<R>send(
                GenericCommandMessage.asCommandMessage(command).andMetaData(metaData))));
    }
}
