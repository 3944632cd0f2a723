package io.channelbook.query;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

import java.time.Clock;

/** The query side as its own service (distributed mode: Axon Server for messages, MongoDB for read models). */
@SpringBootApplication
public class QuerySideApplication {

    public static void main(String[] args) {
        new SpringApplicationBuilder(QuerySideApplication.class)
                .properties("spring.config.name=query-side")
                .profiles("distributed")
                .run(args);
    }

    /** "Now" for the query side's own service; in the standalone mode the command side's clock serves both. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
