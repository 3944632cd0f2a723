package io.channelbook.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The quick benchmark as a correctness check, run exactly as a user runs it (the ui's repackaged jar with the bench
 * classes on the loader path, in its own JVM). No figure is asserted: this machine's speed is not the point here.
 */
class BenchSmokeIT {

    @Test
    void quickRunWritesEveryEventAccruesEveryWonDealAndRebuildsIdentically() throws Exception {
        Path workDir = Path.of(System.getProperty("bench.workDir", "target/smoke"));
        Files.createDirectories(workDir);
        Path log = workDir.resolve("bench.log");
        Process bench = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-cp", System.getProperty("bench.appJar"),
                "-Dloader.path=" + System.getProperty("bench.classes"),
                "-Dloader.main=" + Bench.class.getName(),
                "org.springframework.boot.loader.launch.PropertiesLauncher",
                "--size=quick", "--out=" + workDir.toAbsolutePath()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(bench.waitFor(5, TimeUnit.MINUTES)).as("the quick run finishes; log in %s", log).isTrue();
        assertThat(bench.exitValue()).as("exit code; log in %s", log).isZero();

        JsonNode results = new ObjectMapper().readTree(latestResult(workDir).toFile());
        assertThat(results.path("ok").asBoolean()).isTrue();
        JsonNode checks = results.path("checks");
        for (String check : List.of("auditorFindsNoDifference", "oneAccrualPerWonDeal", "everyDealSettled",
                "rebuiltLedgerEqualsLive", "rebuiltPartnersEqualLive", "everyLiveCloseReachedItsSubscriber",
                "rebuildCompleted:ledger", "rebuildCompleted:partner-detail", "rebuildCompleted:partner-list")) {
            assertThat(checks.path(check).asBoolean()).as(check).isTrue();
        }
        JsonNode audit = results.path("audit");
        assertThat(audit.path("accrualEvents").asLong()).isEqualTo(audit.path("wonDeals").asLong()).isPositive();
        assertThat(audit.path("differences").asInt()).isZero();
        long events = results.path("footprint").path("events").asLong();
        assertThat(results.path("replay").path("rawRead").path("events").asLong()).isEqualTo(events);
        assertThat(results.path("startUp").path("withData").path("eventsInStore").asLong()).isEqualTo(events);
        assertThat(results.path("throughput")).hasSize(3);
    }

    private static Path latestResult(Path workDir) throws IOException {
        try (Stream<Path> files = Files.list(workDir)) {
            return files.filter(file -> file.getFileName().toString().matches("quick-.*\\.json"))
                    .max(Path::compareTo).orElseThrow();
        }
    }
}
