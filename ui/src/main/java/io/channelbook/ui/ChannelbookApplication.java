package io.channelbook.ui;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Channelbook's web edge. In the standalone mode (the default) it also hosts the command side and the query side in
 * this JVM; with the {@code distributed} profile it only talks to them through Axon Server.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ChannelbookApplication {

    public static void main(String[] args) {
        SpringApplication.run(ChannelbookApplication.class, args);
    }
}
