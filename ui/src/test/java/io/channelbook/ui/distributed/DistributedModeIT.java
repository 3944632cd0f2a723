package io.channelbook.ui.distributed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.channelbook.command.CommandSideApplication;
import io.channelbook.query.QuerySideApplication;
import io.channelbook.ui.ChannelbookApplication;
import io.channelbook.ui.StandaloneIntegrationTest;
import org.axonframework.axonserver.connector.command.AxonServerCommandBus;
import org.axonframework.springboot.autoconfig.UpdateCheckerAutoConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.data.mongo.MongoDataAutoConfiguration;
import org.springframework.boot.autoconfigure.data.mongo.MongoReactiveDataAutoConfiguration;
import org.springframework.boot.autoconfigure.data.mongo.MongoReactiveRepositoriesAutoConfiguration;
import org.springframework.boot.autoconfigure.data.mongo.MongoRepositoriesAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.autoconfigure.mongo.MongoAutoConfiguration;
import org.springframework.boot.autoconfigure.mongo.MongoReactiveAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.MongoDBContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The distributed mode end to end: a real Axon Server and a real MongoDB in containers, and the command side, the
 * query side and the web edge as three separate Spring applications (in this one JVM, but sharing nothing except
 * what travels through Axon Server and MongoDB), each configured the way its own jar is in docker-compose.yml.
 * <p>
 * Skipped without a Docker engine; what it exercises (register, project, query, activate) is covered on the
 * standalone runtime by the tests that run everywhere.
 */
@Testcontainers(disabledWithoutDocker = true)
class DistributedModeIT {

    /** The same image as docker-compose.yml. */
    private static final String AXON_SERVER_IMAGE = "axoniq/axonserver:2024.2.4-jdk-17";
    private static final int AXON_SERVER_HTTP_PORT = 8024;
    private static final int AXON_SERVER_GRPC_PORT = 8124;

    private static final Duration PROJECTION_TIMEOUT = Duration.ofSeconds(30);
    /**
     * How long start-up may take to settle: a service connecting to Axon Server, or the ui answering 5xx (503: a side
     * has not registered its handlers with Axon Server yet).
     */
    private static final Duration HANDLERS_TIMEOUT = Duration.ofSeconds(60);

    private static final String REGISTRATION = """
            {"legalName":"Acme GmbH","country":"DE","websiteDomain":"acme.de","programType":"RESELLER",
             "primaryContact":{"name":"Ana","email":"ana@acme.de"}}""";

    @Container
    static final GenericContainer<?> AXON_SERVER = new GenericContainer<>(DockerImageName.parse(AXON_SERVER_IMAGE))
            .withEnv("AXONIQ_AXONSERVER_STANDALONE", "true")
            .withExposedPorts(AXON_SERVER_HTTP_PORT, AXON_SERVER_GRPC_PORT)
            .waitingFor(Wait.forHttp("/actuator/health").forPort(AXON_SERVER_HTTP_PORT).forStatusCode(200)
                    .withStartupTimeout(Duration.ofMinutes(3)));

    @Container
    static final MongoDBContainer MONGO = new MongoDBContainer(DockerImageName.parse("mongo:7"));

    private static final List<ConfigurableApplicationContext> started = new ArrayList<>();
    private static ConfigurableApplicationContext commandSide;
    private static ConfigurableApplicationContext querySide;
    private static ConfigurableApplicationContext ui;
    private static WebTestClient client;

    @BeforeAll
    static void startServices() {
        String axonServer = AXON_SERVER.getHost() + ":" + AXON_SERVER.getMappedPort(AXON_SERVER_GRPC_PORT);
        String mongoUri = MONGO.getReplicaSetUrl("channelbook");

        // The service jars hold neither JDBC nor H2, and the command side only the synchronous MongoDB driver (for
        // its process manager's token); this JVM has the ui's test classpath, which has them all, so switch off what
        // the real jars would not have. A command-line argument replaces the service's own exclude list, hence the
        // update checker again.
        commandSide = start(new SpringApplicationBuilder(CommandSideApplication.class)
                        .properties("spring.config.name=command-side"),
                "--server.port=0",
                "--axon.axonserver.servers=" + axonServer,
                "--axon.axonserver.client-id=it-command-side",
                "--spring.data.mongodb.uri=" + mongoUri,
                excluding(UpdateCheckerAutoConfiguration.class,
                        DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
                        MongoReactiveAutoConfiguration.class,
                        MongoDataAutoConfiguration.class, MongoReactiveDataAutoConfiguration.class,
                        MongoRepositoriesAutoConfiguration.class, MongoReactiveRepositoriesAutoConfiguration.class));

        querySide = start(new SpringApplicationBuilder(QuerySideApplication.class)
                        .properties("spring.config.name=query-side"),
                "--server.port=0",
                "--axon.axonserver.servers=" + axonServer,
                "--axon.axonserver.client-id=it-query-side",
                "--spring.data.mongodb.uri=" + mongoUri,
                excluding(UpdateCheckerAutoConfiguration.class,
                        DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class));

        // the ui exactly as docker-compose.yml runs it: its own application.yml plus application-distributed.yml
        ui = start(new SpringApplicationBuilder(ChannelbookApplication.class),
                "--server.port=0",
                "--axon.axonserver.servers=" + axonServer,
                "--axon.axonserver.client-id=it-ui",
                "--spring.data.mongodb.uri=" + mongoUri,
                "--channelbook.security.admin-email=" + StandaloneIntegrationTest.ADMIN_EMAIL,
                "--channelbook.security.admin-password=" + StandaloneIntegrationTest.ADMIN_PASSWORD);

        client = WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + port(ui))
                .defaultHeaders(headers -> headers.setBasicAuth(StandaloneIntegrationTest.ADMIN_EMAIL, StandaloneIntegrationTest.ADMIN_PASSWORD))
                .responseTimeout(Duration.ofSeconds(30))
                .build();
    }

    @AfterAll
    static void stopServices() {
        // the ui first, the command side last: the reverse of the start order
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
        started.clear();
    }

    @Test
    void theUiHostsNeitherSideAndHasNoDatabaseOfItsOwn() {
        assertThat(ui.getBeanNamesForType(DataSource.class)).as("DataSource beans in the ui").isEmpty();
        assertThat(ui.getBeansOfType(AxonServerCommandBus.class)).as("commands go through Axon Server").isNotEmpty();
        assertThat(ui.getBeanNamesForType(CommandSideApplication.class)).isEmpty();
        assertThat(ui.getBeanNamesForType(QuerySideApplication.class)).isEmpty();
    }

    @Test
    void everyServiceReportsHealthy() {
        for (ConfigurableApplicationContext service : List.of(commandSide, querySide, ui)) {
            WebTestClient serviceClient = WebTestClient.bindToServer()
                    .baseUrl("http://localhost:" + port(service))
                    .responseTimeout(Duration.ofSeconds(10))
                    .build();
            // UP once connected to Axon Server (and, for the query side and the ui, to MongoDB)
            await().atMost(HANDLERS_TIMEOUT).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    serviceClient.get().uri("/actuator/health").exchange()
                            .expectStatus().isOk()
                            .expectBody().jsonPath("$.status").isEqualTo("UP"));
        }
    }

    @Test
    void registersAPartnerAndActivatesItThroughAxonServerAndMongo() throws Exception {
        EntityExchangeResult<byte[]> registered = postWhileServicesStartUp("/api/partners", REGISTRATION);
        assertThat(registered.getStatus().value()).as(describe(registered)).isEqualTo(HttpStatus.CREATED.value());
        JsonNode body = new ObjectMapper().readTree(registered.getResponseBody());
        String partnerId = body.path("partnerId").asText();
        assertThat(partnerId).as(describe(registered)).isNotBlank();
        assertThat(registered.getResponseHeaders().getLocation()).hasToString("/api/partners/" + partnerId);

        awaitStatus(partnerId, "ONBOARDING");

        client.post().uri("/api/partners/{id}/activate", partnerId)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"reason\":\"signed\"}")
                .exchange()
                .expectStatus().isAccepted()
                .expectBody().jsonPath("$.partnerId").isEqualTo(partnerId);

        awaitStatus(partnerId, "ACTIVE");
        client.get().uri("/api/partners/{id}", partnerId).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.legalName").isEqualTo("Acme GmbH")
                .jsonPath("$.websiteDomain").isEqualTo("acme.de")
                .jsonPath("$.statusReason").isEqualTo("signed");
    }

    /** The read model catches up asynchronously: poll the detail until it shows the status. */
    private static void awaitStatus(String partnerId, String status) {
        await().atMost(PROJECTION_TIMEOUT).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                client.get().uri("/api/partners/{id}", partnerId)
                        .accept(MediaType.APPLICATION_JSON)
                        .exchange()
                        .expectStatus().isOk()
                        .expectBody()
                        .jsonPath("$.partnerId").isEqualTo(partnerId)
                        .jsonPath("$.status").isEqualTo(status));
    }

    /**
     * Posts, again while the ui answers 5xx: right after start-up a side may not have registered its command
     * handlers with Axon Server yet (the ui answers 503). A refusal (4xx) or success ends the wait at once.
     */
    private static EntityExchangeResult<byte[]> postWhileServicesStartUp(String path, String json) {
        AtomicReference<EntityExchangeResult<byte[]>> last = new AtomicReference<>();
        await().atMost(HANDLERS_TIMEOUT).pollInterval(Duration.ofSeconds(1)).until(() -> {
            EntityExchangeResult<byte[]> result = client.post().uri(path)
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(json)
                    .exchange()
                    .expectBody()
                    .returnResult();
            last.set(result);
            return !result.getStatus().is5xxServerError();
        });
        return last.get();
    }

    private static String describe(EntityExchangeResult<byte[]> result) {
        byte[] body = result.getResponseBody();
        return result.getStatus() + " " + (body == null ? "" : new String(body, StandardCharsets.UTF_8));
    }

    private static ConfigurableApplicationContext start(SpringApplicationBuilder builder, String... args) {
        ConfigurableApplicationContext context = builder
                .profiles("distributed")
                .initializers(applicationContext -> applicationContext.getBeanFactory()
                        .registerSingleton(TestComponentsExcluded.class.getName(), new TestComponentsExcluded()))
                .run(Stream.concat(Stream.of("--spring.main.banner-mode=off"), Arrays.stream(args))
                        .toArray(String[]::new));
        started.add(context);
        return context;
    }

    private static String excluding(Class<?>... autoConfigurations) {
        return "--spring.autoconfigure.exclude=" + Arrays.stream(autoConfigurations)
                .map(Class::getName)
                .collect(Collectors.joining(","));
    }

    private static int port(ConfigurableApplicationContext context) {
        return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    /**
     * Keeps test-only configuration of this module ({@code @TestConfiguration}, {@code @TestComponent}) out of the
     * ui's component scan, as {@code @SpringBootTest} does; these contexts are started by hand.
     */
    static final class TestComponentsExcluded extends TypeExcludeFilter {

        @Override
        public boolean match(MetadataReader metadataReader, MetadataReaderFactory metadataReaderFactory) {
            return metadataReader.getAnnotationMetadata().isAnnotated(TestComponent.class.getName());
        }

        @Override
        public boolean equals(Object other) {
            return other != null && other.getClass() == getClass();
        }

        @Override
        public int hashCode() {
            return getClass().hashCode();
        }
    }
}
