package io.channelbook.ui.web;

import org.reactivestreams.Publisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Ends every streaming response (Server-Sent Events, which never end on their own) when the application starts to
 * shut down, so that the web server's graceful shutdown waits only for real requests. Without it, one open stream (a
 * browser tab on a page with live updates, an API client on a {@code /stream}) held every shutdown for the whole
 * {@code spring.lifecycle.timeout-per-shutdown-phase} (30 s) before the server gave up on it.
 * <p>
 * A stream ends as if it had completed, so the client sees a clean end of the response; EventSource clients reconnect
 * after their retry delay, to whatever serves the address then. Streams are written with
 * {@code writeAndFlushWith}; other responses are left alone.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class StreamsEndAtShutdown implements WebFilter, SmartLifecycle {

    private volatile Sinks.Empty<Void> shutdown = Sinks.empty();
    private volatile boolean running;
    private volatile boolean ended;

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        Mono<Void> ends = shutdown.asMono();
        return chain.filter(exchange.mutate().response(new ServerHttpResponseDecorator(exchange.getResponse()) {
            @Override
            public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
                return super.writeAndFlushWith(Flux.from(body).takeUntilOther(ends));
            }
        }).build());
    }

    @Override
    public void start() {
        // the first start keeps the signal that streams opened since the web server started already listen to
        if (ended) {
            shutdown = Sinks.empty();
            ended = false;
        }
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        ended = true;
        shutdown.tryEmitEmpty();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * Before the web server's graceful shutdown ({@code SmartLifecycle.DEFAULT_PHASE - 1024}): lifecycle beans stop
     * from the highest phase down.
     */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }
}
