package io.channelbook.ui.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

import java.time.Clock;

/** The ui's clock when it runs alone; in the standalone mode it shares the command side's. */
@Configuration
@Profile("distributed")
class DistributedClockConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
