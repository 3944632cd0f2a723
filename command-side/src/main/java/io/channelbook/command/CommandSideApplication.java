package io.channelbook.command;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.SimpleDeadlineManager;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** The command side as its own service (distributed mode, connected to Axon Server). */
@SpringBootApplication
public class CommandSideApplication {

    /**
     * Deadlines in the distributed mode. Not durable: this service has no SQL database for Axon's db-scheduler
     * deadline manager (the standalone mode has one), so a restart forgets pending expiries until the next decision
     * about the customer re-checks the window. Known limitation, see README.
     */
    @Bean
    DeadlineManager deadlineManager(org.axonframework.config.Configuration configuration) {
        return SimpleDeadlineManager.builder()
                .scopeAwareProvider(new ConfigurationScopeAwareProvider(configuration))
                .build();
    }

    public static void main(String[] args) {
        new SpringApplicationBuilder(CommandSideApplication.class)
                .properties("spring.config.name=command-side")
                .profiles("distributed")
                .run(args);
    }
}
