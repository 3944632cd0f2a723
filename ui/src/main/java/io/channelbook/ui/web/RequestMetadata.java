package io.channelbook.ui.web;

import io.channelbook.api.common.MetadataKeys;
import org.axonframework.messaging.MetaData;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the who/why metadata of a command from the request that carries it: the actor, the request id (from
 * {@link RequestIdFilter}), the correlation id and the client address.
 */
@Component
public class RequestMetadata {

    /** Until logins exist every caller is anonymous; the actor comes from the authenticated principal once they do. */
    static final String ANONYMOUS = "anonymous";

    public MetaData of(ServerWebExchange exchange) {
        Map<String, Object> values = new HashMap<>();
        values.put(MetadataKeys.ACTOR_ID, ANONYMOUS);
        values.put(MetadataKeys.ACTOR_ROLE, ANONYMOUS);
        String requestId = RequestIdFilter.requestIdOf(exchange);
        values.put(MetadataKeys.REQUEST_ID, requestId);
        values.put(MetadataKeys.CORRELATION_ID, RequestIdFilter.correlationId(exchange).orElse(requestId));
        clientAddress(exchange).ifPresent(address -> values.put(MetadataKeys.CLIENT_ADDRESS, address));
        return MetaData.from(values);
    }

    private static Optional<String> clientAddress(ServerWebExchange exchange) {
        return Optional.ofNullable(exchange.getRequest().getRemoteAddress())
                .map(InetSocketAddress::getAddress)
                .map(java.net.InetAddress::getHostAddress);
    }
}
