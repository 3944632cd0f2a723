package io.channelbook.ui.security;

import org.springframework.web.server.ServerWebExchange;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;

/** The address a request came from, as the server saw it (forwarded headers only if the server is told to trust them). */
public final class ClientAddress {

    private ClientAddress() {
    }

    public static Optional<String> of(ServerWebExchange exchange) {
        return Optional.ofNullable(exchange.getRequest().getRemoteAddress())
                .map(InetSocketAddress::getAddress)
                .map(InetAddress::getHostAddress);
    }
}
