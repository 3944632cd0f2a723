package io.channelbook.ui.standalone;

import io.channelbook.ui.ChannelbookApplication;
import io.channelbook.ui.StandaloneIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.reactive.context.ReactiveWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The product's graceful shutdown (the tests' own applications stop immediately) with a Server-Sent Events stream
 * open: the stream ends cleanly and the shutdown does not wait the 30 s phase timeout for it.
 */
class GracefulShutdownIT {

    @TempDir
    Path dataDir;

    @Test
    void anOpenEventStreamEndsCleanlyAndDoesNotHoldTheShutdown() throws Exception {
        ConfigurableApplicationContext app = new SpringApplicationBuilder(ChannelbookApplication.class)
                .run("--server.port=0", "--server.shutdown=graceful", "--channelbook.data-dir=" + dataDir,
                        "--channelbook.security.admin-email=" + StandaloneIntegrationTest.ADMIN_EMAIL,
                        "--channelbook.security.admin-password=" + StandaloneIntegrationTest.ADMIN_PASSWORD);
        CompletableFuture<Long> stream;
        CountDownLatch subscribed = new CountDownLatch(1);
        try {
            int port = ((ReactiveWebServerApplicationContext) app).getWebServer().getPort();
            stream = WebClient.create("http://localhost:" + port).get().uri("/api/partners/stream")
                    .headers(headers -> headers.setBasicAuth(StandaloneIntegrationTest.ADMIN_EMAIL,
                            StandaloneIntegrationTest.ADMIN_PASSWORD))
                    .accept(MediaType.TEXT_EVENT_STREAM)
                    .retrieve()
                    .bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<String>>() {
                    })
                    .doOnNext(event -> {
                        if ("subscribed".equals(event.comment())) {
                            subscribed.countDown();
                        }
                    })
                    .count()
                    .toFuture();
            assertThat(subscribed.await(30, TimeUnit.SECONDS)).as("the stream is open").isTrue();
        } catch (RuntimeException | Error | InterruptedException e) {
            app.close();
            throw e;
        }

        long closing = System.nanoTime();
        app.close();
        Duration shutdown = Duration.ofNanos(System.nanoTime() - closing);

        assertThat(shutdown).as("time to shut down").isLessThan(Duration.ofSeconds(15));
        // completes (with the events it had) rather than failing on a connection cut off mid-stream
        assertThat(stream.get(5, TimeUnit.SECONDS)).isPositive();
    }
}
