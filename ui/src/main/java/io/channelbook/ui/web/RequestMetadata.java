package io.channelbook.ui.web;

import io.channelbook.api.common.MetadataKeys;
import io.channelbook.ui.security.ChannelbookUser;
import io.channelbook.ui.security.ClientAddress;
import io.channelbook.ui.security.CurrentUser;
import org.axonframework.messaging.MetaData;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.HashMap;
import java.util.Map;

/**
 * Builds the who/why metadata of a command from the request that carries it: the authenticated actor and role (and
 * partner, for partner users), the request id (from {@link RequestIdFilter}), the correlation id and the client
 * address. Never a credential.
 */
@Component
public class RequestMetadata {

    public Mono<MetaData> of(ServerWebExchange exchange) {
        return CurrentUser.get()
                .map(user -> build(exchange, user))
                .switchIfEmpty(Mono.fromSupplier(() -> build(exchange, null)));
    }

    private static MetaData build(ServerWebExchange exchange, ChannelbookUser user) {
        Map<String, Object> values = new HashMap<>();
        if (user != null) {
            values.put(MetadataKeys.ACTOR_ID, user.userId());
            values.put(MetadataKeys.ACTOR_ROLE, user.role().name());
            if (user.partnerId() != null) {
                values.put(MetadataKeys.ACTOR_PARTNER_ID, user.partnerId());
            }
        } else {
            values.put(MetadataKeys.ACTOR_ID, "anonymous");
            values.put(MetadataKeys.ACTOR_ROLE, "ANONYMOUS");
        }
        String requestId = RequestIdFilter.requestIdOf(exchange);
        values.put(MetadataKeys.REQUEST_ID, requestId);
        values.put(MetadataKeys.CORRELATION_ID, RequestIdFilter.correlationId(exchange).orElse(requestId));
        ClientAddress.of(exchange).ifPresent(address -> values.put(MetadataKeys.CLIENT_ADDRESS, address));
        return MetaData.from(values);
    }
}
