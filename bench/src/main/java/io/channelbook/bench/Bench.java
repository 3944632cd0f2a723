package io.channelbook.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.channelbook.api.commission.AssignCommissionPlanCommand;
import io.channelbook.api.commission.CommissionPlanAssignments;
import io.channelbook.api.commission.CommissionPlanTerms;
import io.channelbook.api.commission.CommissionRule;
import io.channelbook.api.commission.CreateCommissionPlanCommand;
import io.channelbook.api.commission.PeriodUnit;
import io.channelbook.api.commission.PlanScope;
import io.channelbook.api.commission.PublishCommissionPlanCommand;
import io.channelbook.api.commission.RuleKind;
import io.channelbook.api.commission.TouchShares;
import io.channelbook.api.common.MetadataKeys;
import io.channelbook.api.deal.ApproveDealRegistrationCommand;
import io.channelbook.api.deal.CloseDealLostCommand;
import io.channelbook.api.deal.CloseDealWonCommand;
import io.channelbook.api.deal.CloseSource;
import io.channelbook.api.deal.CustomerContact;
import io.channelbook.api.deal.SubmitDealRegistrationCommand;
import io.channelbook.api.ledger.EarningsSummary;
import io.channelbook.api.ledger.FindEarningsSummaryQuery;
import io.channelbook.api.ledger.FindLedgerEntriesQuery;
import io.channelbook.api.ledger.LedgerAuditReport;
import io.channelbook.api.ledger.LedgerEntryPage;
import io.channelbook.api.ledger.LedgerEntryView;
import io.channelbook.api.ledger.RunLedgerAuditQuery;
import io.channelbook.api.money.Money;
import io.channelbook.api.partner.ActivatePartnerCommand;
import io.channelbook.api.partner.ChangePartnerTierCommand;
import io.channelbook.api.partner.FindPartnerQuery;
import io.channelbook.api.partner.FindPartnersQuery;
import io.channelbook.api.partner.PartnerPage;
import io.channelbook.api.partner.PartnerView;
import io.channelbook.api.partner.PrimaryContact;
import io.channelbook.api.partner.ProgramType;
import io.channelbook.api.partner.RegisterPartnerCommand;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * The benchmark: starts the real standalone runtime (the ui application with its command and query sides, the H2
 * event store and the embedded Mongo-wire read-model store) on a fresh data dir, generates a program and measures
 * command throughput, live latency, query latency, replay against the raw store read rate, heap, start-up and disk.
 * Commands and queries go through Axon's gateways in this JVM: the HTTP edge is not what is measured.
 * <p>
 * Writes {@code <out>/<size>-<timestamp>.json} (every figure, the load average next to each) and appends the headline
 * figures to {@code <out>/summary.csv}. Exits 1 when a correctness check fails (the smoke test relies on that).
 */
public final class Bench {

    private static final String APPLICATION = "io.channelbook.ui.ChannelbookApplication";
    private static final MetaData WHO = MetaData.from(Map.of(MetadataKeys.ACTOR_ID, "system:bench",
            MetadataKeys.ACTOR_ROLE, "SYSTEM", MetadataKeys.REQUEST_ID, "bench", MetadataKeys.CORRELATION_ID, "bench"));
    private static final String PLAN_ID = "bench-plan";
    private static final List<String> REBUILT_GROUPS = List.of("ledger", "partner-detail", "partner-list");
    private static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(30);

    private final Size size;
    private final List<String> appArguments;
    private final Path out;
    private final Path dataDir;
    private final Map<String, Object> results = new LinkedHashMap<>();
    private final Map<String, Object> checks = new LinkedHashMap<>();
    private final List<String> partners = new ArrayList<>();
    private final Random random = new Random(42);
    private final AtomicInteger dealSequence = new AtomicInteger();
    private final AtomicInteger won = new AtomicInteger();
    private final AtomicInteger lost = new AtomicInteger();

    private ConfigurableApplicationContext app;
    private CommandGateway commands;
    private QueryGateway queries;
    private EventStore eventStore;
    private EventProcessingConfiguration processing;
    private JdbcTemplate jdbc;

    private Bench(Size size, List<String> appArguments, Path out, Path dataDir) {
        this.size = size;
        this.appArguments = appArguments;
        this.out = out;
        this.dataDir = dataDir;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unknown argument " + arg);
            }
            int eq = arg.indexOf('=');
            options.put(eq < 0 ? arg.substring(2) : arg.substring(2, eq), eq < 0 ? "true" : arg.substring(eq + 1));
        }
        Size size = Size.named(options.getOrDefault("size", "quick"));
        Path out = Path.of(options.getOrDefault("out", "bench/results")).toAbsolutePath();
        // --replay-only=DIR: only the replay figures, on the data dir a run of the same size kept (--keep-data);
        // --rounds=N measured rounds after the warm-up (default 1), to see the spread of this noisy machine
        String replayOnly = options.get("replay-only");
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "1"));
        Path dataDir = replayOnly != null ? Path.of(replayOnly).toAbsolutePath()
                : Files.createTempDirectory("channelbook-bench-");
        // --app.<property>=<value> passes a setting to the application, e.g. a processor's batch size
        List<String> appArguments = options.entrySet().stream().filter(option -> option.getKey().startsWith("app."))
                .map(option -> "--" + option.getKey().substring(4) + "=" + option.getValue()).sorted().toList();
        Bench bench = new Bench(size, appArguments, out, dataDir);
        boolean ok;
        try {
            ok = replayOnly != null ? bench.replayOnly(rounds) : bench.run();
        } finally {
            if (replayOnly == null && !options.containsKey("keep-data")) {
                deleteTree(dataDir);
            }
        }
        System.exit(ok ? 0 : 1);
    }

    private boolean run() throws Exception {
        begin(Map.of("name", size.name(), "partners", size.partners(), "deals", size.deals(),
                "dealsByThreads", size.dealsByThreads(), "liveSeconds", size.liveSeconds(), "queries", size.queries()));

        results.put("startUp", Map.of("emptyDataDir", start()));
        program();
        results.put("throughput", throughput());
        results.put("live", live());
        results.put("queries", queryLatencies());
        results.put("eventsByType", eventsByType());
        results.put("replay", replay());
        results.put("audit", audit());
        results.put("footprint", footprint());
        // after the footprint: the scratch documents would count in the data dir (the store reclaims no space)
        results.put("rawDocumentWrite", rawDocumentWrite());
        app.close();
        @SuppressWarnings("unchecked")
        Map<String, Object> startUp = new LinkedHashMap<>((Map<String, Object>) results.get("startUp"));
        startUp.put("withData", start());
        app.close();
        startUp.put("withDataColdJvm", coldStart());
        results.put("startUp", startUp);
        return finish();
    }

    /** Start on a kept data dir, replay, stop: to iterate on replay speed without generating the program again. */
    private boolean replayOnly(int rounds) throws Exception {
        begin(Map.of("name", size.name() + "-replay-only", "partners", size.partners()));
        results.put("startUp", Map.of("withData", start()));
        for (int i = 0; i < size.partners(); i++) {
            partners.add(partnerId(i));
        }
        // a fresh JVM reads and rebuilds at a fraction of the speed it reaches once compiled: the first round warms
        results.put("warmUpReplay", replay());
        List<Map<String, Object>> measured = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            measured.add(replay());
        }
        results.put("replay", measured.get(measured.size() - 1));
        if (rounds > 1) {
            results.put("replayRounds", measured);
        }
        app.close();
        return finish();
    }

    /** What every result file starts with: the size, the application's arguments, the machine, the time. */
    private void begin(Map<String, Object> sizeFigure) {
        results.put("size", sizeFigure);
        results.put("applicationArguments", appArguments);
        results.put("machine", machine());
        results.put("build", build());
        results.put("startedAt", Instant.now().toString());
    }

    /** Records a correctness check; a check made more than once (every live step, every replay round) must always pass. */
    private void check(String name, boolean passed) {
        checks.merge(name, passed, (before, now) -> (Boolean) before && (Boolean) now);
    }

    /** Writes the results with the checks; whether every check passed. */
    private boolean finish() throws IOException {
        results.put("checks", checks);
        boolean ok = checks.values().stream().allMatch(Boolean.TRUE::equals);
        results.put("ok", ok);
        results.put("finishedAt", Instant.now().toString());
        write();
        return ok;
    }

    private static String partnerId(int i) {
        return String.format("bench-partner-%05d", i);
    }

    // ---- start-up ----------------------------------------------------------------------------------------------

    private Map<String, Object> start() throws ClassNotFoundException {
        Class<?> application = Class.forName(APPLICATION);
        String load = load();
        long t0 = System.nanoTime();
        List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--channelbook.data-dir=" + dataDir,
                "--channelbook.security.admin-email=bench@channelbook.local",
                "--channelbook.security.admin-password=bench-admin-password-not-secret",
                "--logging.level.root=WARN"));
        arguments.addAll(appArguments);
        app = new SpringApplicationBuilder(application).run(arguments.toArray(String[]::new));
        double seconds = seconds(System.nanoTime() - t0);
        commands = app.getBean(CommandGateway.class);
        queries = app.getBean(QueryGateway.class);
        eventStore = app.getBean(EventStore.class);
        processing = app.getBean(EventProcessingConfiguration.class);
        jdbc = app.getBean(JdbcTemplate.class);
        Map<String, Object> figure = new LinkedHashMap<>();
        figure.put("contextSeconds", seconds);
        figure.put("jvmUptimeSeconds", ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0);
        figure.put("eventsInStore", storedEvents());
        figure.put("load", load);
        log("started in %.2f s (events in store: %d)", seconds, storedEvents());
        return figure;
    }

    /**
     * The application alone in a new JVM, launched the way this bench was (same class path and JVM options, so the
     * same class-data archive), on the loaded data dir: the start a user sees after a restart. {@link #start()}'s
     * second figure reuses this JVM's loaded and compiled classes. The figure is what Spring Boot logs as the process's
     * run time at "Started".
     */
    private Map<String, Object> coldStart() throws IOException, InterruptedException {
        String load = load();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(argument -> !argument.startsWith("-Dloader.") && !argument.startsWith("-XX:StartFlightRecording")
                        && !argument.startsWith("-Dbench."))
                .forEach(command::add);
        command.addAll(List.of("-cp", System.getProperty("java.class.path")));
        if (System.getProperty("java.class.path").endsWith("channelbook.jar")) {
            // the repackaged jar: its own launcher, as java -jar starts it
            command.addAll(List.of("-Dloader.main=" + APPLICATION,
                    "org.springframework.boot.loader.launch.PropertiesLauncher"));
        } else {
            command.add(APPLICATION);
        }
        command.addAll(List.of("--server.port=0", "--channelbook.data-dir=" + dataDir, "--logging.level.root=WARN",
                "--logging.level.io.channelbook.ui.ChannelbookApplication=INFO",
                "--channelbook.security.admin-email=bench@channelbook.local",
                "--channelbook.security.admin-password=bench-admin-password-not-secret"));
        command.addAll(appArguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        // a start that never comes ends the read below rather than the bench
        java.util.concurrent.CompletableFuture.delayedExecutor(120, java.util.concurrent.TimeUnit.SECONDS)
                .execute(process::destroyForcibly);
        Pattern started = Pattern.compile("Started \\S+ in ([0-9.]+) seconds \\(process running for ([0-9.]+)\\)");
        Map<String, Object> figure = new LinkedHashMap<>();
        try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream()))) {
            String line;
            while ((line = lines.readLine()) != null) {
                Matcher matcher = started.matcher(line);
                if (matcher.find()) {
                    figure.put("contextSeconds", Double.parseDouble(matcher.group(1)));
                    figure.put("processSeconds", Double.parseDouble(matcher.group(2)));
                    break;
                }
            }
        } finally {
            process.destroy();
            if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
        figure.put("load", load);
        check("coldStartWithData", figure.containsKey("processSeconds"));
        log("started in a new JVM on the loaded data dir: %s", figure);
        return figure;
    }

    // ---- the program -------------------------------------------------------------------------------------------

    private void program() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        send(new CreateCommissionPlanCommand(PLAN_ID, "Bench resale", new CommissionPlanTerms(
                List.of(new CommissionRule("base", RuleKind.PERCENT_OF_DEAL, "8% of the deal", null, null,
                        new BigDecimal("0.08"), null, null, null, null, null, null, null)),
                Map.of("GOLD", new BigDecimal("1.2")), Map.of(), Map.of(), null, null, TouchShares.SOURCED_ONLY, 30,
                PeriodUnit.MONTH)));
        send(new PublishCommissionPlanCommand(PLAN_ID, today));
        send(new AssignCommissionPlanCommand(CommissionPlanAssignments.ID, PlanScope.PROGRAM, PLAN_ID));
        for (int i = 0; i < size.partners(); i++) {
            String id = partnerId(i);
            ProgramType type = ProgramType.values()[i % ProgramType.values().length];
            send(new RegisterPartnerCommand(id, String.format("Partner %05d Ltd", i), "DE",
                    String.format("partner-%05d.de", i), type, new PrimaryContact("Contact " + i, "contact@partner-" + i + ".de")));
            send(new ActivatePartnerCommand(id, "Agreement signed"));
            if (i % 3 == 0) {
                send(new ChangePartnerTierCommand(id, "GOLD", "Annual tier review"));
            }
            partners.add(id);
        }
        settle();
        log("program: %d partners, plan assigned; %d events", partners.size(), storedEvents());
    }

    /** One deal through submit → approve → close (nine in ten won); returns when the close command is answered. */
    private void deal(Latencies submitted, Latencies approved, Latencies closed, Map<String, Long> closeSentAt,
                      Map<String, Instant> closeSentWallClock) {
        int n = dealSequence.getAndIncrement();
        String id = String.format("bench-deal-%07d", n);
        String partner = partners.get(n % partners.size());
        String domain = String.format("customer-%07d.com", n);
        long amountMinor;
        synchronized (random) {
            amountMinor = 100_000L + random.nextInt(9_900_000);
        }
        Money amount = Money.ofMinor(amountMinor, "EUR");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        timed(submitted, new SubmitDealRegistrationCommand(id, partner, "Customer " + n, domain, "US",
                new CustomerContact("Procurement", "buying@" + domain), List.of("PLATFORM-PRO"), amount,
                today.plusMonths(2), "bench", null));
        timed(approved, new ApproveDealRegistrationCommand(id, 90, 14));
        if (n % 10 == 9) {
            timed(closed, new CloseDealLostCommand(id, "Chose a competitor", CloseSource.MANUAL));
            lost.incrementAndGet();
        } else {
            if (closeSentAt != null) {
                closeSentWallClock.put(id, Instant.now());
                closeSentAt.put(id, System.nanoTime());
            }
            timed(closed, new CloseDealWonCommand(id, amount, today, List.of(), CloseSource.MANUAL));
            won.incrementAndGet();
        }
    }

    // ---- 1. command throughput ---------------------------------------------------------------------------------

    private List<Map<String, Object>> throughput() throws InterruptedException {
        List<Map<String, Object>> phases = new ArrayList<>();
        for (Map.Entry<Integer, Integer> phase : size.dealsByThreads().entrySet()) {
            int threads = phase.getKey();
            int deals = phase.getValue();
            Latencies submitted = new Latencies();
            Latencies approved = new Latencies();
            Latencies closed = new Latencies();
            String load = load();
            long events0 = storedEvents();
            AtomicInteger remaining = new AtomicInteger(deals);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            long t0 = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                pool.execute(() -> {
                    while (remaining.getAndDecrement() > 0) {
                        deal(submitted, approved, closed, null, null);
                    }
                });
            }
            pool.shutdown();
            if (!pool.awaitTermination(1, TimeUnit.HOURS)) {
                throw new IllegalStateException("throughput phase did not finish");
            }
            long t1 = System.nanoTime();
            long events1 = storedEvents();
            settle();
            long t2 = System.nanoTime();
            long events2 = storedEvents();
            double commandSeconds = seconds(t1 - t0);
            double settledSeconds = seconds(t2 - t0);
            Map<String, Object> figure = new LinkedHashMap<>();
            figure.put("threads", threads);
            figure.put("deals", deals);
            figure.put("commands", deals * 3);
            figure.put("commandSeconds", commandSeconds);
            figure.put("commandsPerSecond", rate(deals * 3, commandSeconds));
            figure.put("eventsDuringCommands", events1 - events0);
            figure.put("eventsPerSecondDuringCommands", rate(events1 - events0, commandSeconds));
            figure.put("settledSeconds", settledSeconds);
            figure.put("flowEvents", events2 - events0);
            figure.put("flowEventsPerSecondSettled", rate(events2 - events0, settledSeconds));
            figure.put("flowCommandsPerSecondSettled", rate(deals * 3, settledSeconds));
            figure.put("submitLatency", submitted.summary());
            figure.put("approveLatency", approved.summary());
            figure.put("closeLatency", closed.summary());
            figure.put("loadBefore", load);
            figure.put("loadAfter", load());
            log("throughput x%d: %d deals, %.0f commands/s, %.0f events/s while commanding; settled (accruals and read models) after %.1f s: %.0f events/s",
                    threads, deals, rate(deals * 3, commandSeconds), rate(events1 - events0, commandSeconds), settledSeconds,
                    rate(events2 - events0, settledSeconds));
            phases.add(figure);
        }
        return phases;
    }

    // ---- 3. live latency ---------------------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    /** Fractions of the settled flow rate at which the live latency is measured, one step after the other. */
    private static final double[] LIVE_FRACTIONS = {0.25, 0.5, 0.8};

    /**
     * Live latency at rising rates: 25%, 50% and 80% of the highest rate the whole flow sustained in the throughput
     * phases (commands answered, accruals booked, read models caught up), capped at 1,000 commands/s. Near saturation
     * queues build and latency is mostly waiting, so the lower steps show what the system does when it keeps up.
     */
    private Map<String, Object> live() throws InterruptedException {
        double sustained = ((List<Map<String, Object>>) results.get("throughput")).stream()
                .mapToDouble(phase -> (double) phase.get("flowCommandsPerSecondSettled")).max().orElse(30);
        List<Map<String, Object>> steps = new ArrayList<>();
        for (double fraction : LIVE_FRACTIONS) {
            steps.add(liveStep(Math.max(3, Math.min(1_000, Math.floor(sustained * fraction)))));
        }
        Map<String, Object> figure = new LinkedHashMap<>();
        figure.put("sustainedCommandsPerSecondMeasured", sustained);
        figure.put("steps", steps);
        return figure;
    }

    private Map<String, Object> liveStep(double targetCommandsPerSecond) throws InterruptedException {
        double dealsPerSecond = targetCommandsPerSecond / 3;
        int deals = Math.max(1, (int) (dealsPerSecond * size.liveSeconds()));

        Latencies latency = new Latencies();
        Map<String, Long> closeSentAt = new ConcurrentHashMap<>();
        Map<String, Instant> closeSentWallClock = new ConcurrentHashMap<>();
        Latencies toAccrual = new Latencies();
        Latencies accrualToUpdate = new Latencies();
        List<SubscriptionQueryResult<EarningsSummary, EarningsSummary>> subscriptions = new ArrayList<>();
        for (String partner : partners) {
            SubscriptionQueryResult<EarningsSummary, EarningsSummary> subscription = queries.subscriptionQuery(
                    new FindEarningsSummaryQuery(partner), ResponseTypes.instanceOf(EarningsSummary.class),
                    ResponseTypes.instanceOf(EarningsSummary.class));
            subscription.initialResult().block(Duration.ofSeconds(30));
            subscription.updates().subscribe(summary -> {
                long now = System.nanoTime();
                for (LedgerEntryView entry : summary.recent()) {
                    Long sentAt = entry.registrationId() == null ? null : closeSentAt.remove(entry.registrationId());
                    if (sentAt != null) {
                        latency.add(now - sentAt);
                        // the split at the accrual event's timestamp (wall clock, same JVM)
                        Instant sentWallClock = closeSentWallClock.remove(entry.registrationId());
                        if (sentWallClock != null && entry.recordedAt() != null) {
                            toAccrual.add(Duration.between(sentWallClock, entry.recordedAt()).toNanos());
                            accrualToUpdate.add(Duration.between(entry.recordedAt(), Instant.now()).toNanos());
                        }
                    }
                }
            });
            subscriptions.add(subscription);
        }
        String load = load();
        Latencies submitted = new Latencies();
        Latencies approved = new Latencies();
        Latencies closed = new Latencies();
        int wonBefore = won.get();
        ExecutorService workers = Executors.newFixedThreadPool(16);
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger started = new AtomicInteger();
        long periodNanos = (long) (1e9 / dealsPerSecond);
        long t0 = System.nanoTime();
        pacer.scheduleAtFixedRate(() -> {
            if (started.getAndIncrement() < deals) {
                workers.execute(() -> deal(submitted, approved, closed, closeSentAt, closeSentWallClock));
            }
        }, 0, periodNanos, TimeUnit.NANOSECONDS);
        waitUntil(() -> started.get() >= deals, Duration.ofMinutes(30));
        pacer.shutdownNow();
        workers.shutdown();
        workers.awaitTermination(1, TimeUnit.HOURS);
        double commandSeconds = seconds(System.nanoTime() - t0);
        int wonDeals = won.get() - wonBefore;
        boolean allSeen = waitUntil(closeSentAt::isEmpty, Duration.ofMinutes(5));
        subscriptions.forEach(SubscriptionQueryResult::cancel);
        settle();

        Map<String, Object> figure = new LinkedHashMap<>();
        figure.put("targetCommandsPerSecond", targetCommandsPerSecond);
        figure.put("achievedCommandsPerSecond", rate(deals * 3L, commandSeconds));
        figure.put("deals", deals);
        figure.put("wonDeals", wonDeals);
        figure.put("subscriptions", subscriptions.size());
        figure.put("closeToUpdate", latency.summary());
        figure.put("closeToAccrualRecorded", toAccrual.summary());
        figure.put("accrualRecordedToUpdate", accrualToUpdate.summary());
        figure.put("updatesMissing", closeSentAt.size());
        figure.put("closeCommandLatency", closed.summary());
        figure.put("loadBefore", load);
        figure.put("loadAfter", load());
        check("everyLiveCloseReachedItsSubscriber", allSeen && latency.count() == wonDeals);
        log("live at %.0f commands/s target (%.0f achieved): close → subscription update %s; of which close → accrual "
                        + "recorded %s, accrual recorded → update %s", targetCommandsPerSecond,
                rate(deals * 3L, commandSeconds), latency.summary(), toAccrual.summary(), accrualToUpdate.summary());
        return figure;
    }

    // ---- 4. query latency --------------------------------------------------------------------------------------

    private Map<String, Object> queryLatencies() {
        Map<String, Object> figure = new LinkedHashMap<>();
        figure.put("load", load());
        figure.put("dashboard", timedQueries(partner -> queries.query(new FindEarningsSummaryQuery(partner),
                ResponseTypes.instanceOf(EarningsSummary.class)).join()));
        figure.put("entriesPage", timedQueries(partner -> queries.query(
                new FindLedgerEntriesQuery(partner, null, null, null, 0, 50),
                ResponseTypes.instanceOf(LedgerEntryPage.class)).join()));
        figure.put("loadAfter", load());
        figure.put("ledgerEntryDocuments", won.get());
        log("queries: dashboard %s; entries page %s", ((Map<?, ?>) figure.get("dashboard")),
                ((Map<?, ?>) figure.get("entriesPage")));
        return figure;
    }

    private Map<String, Object> timedQueries(java.util.function.Consumer<String> query) {
        Random pick = new Random(7);
        for (int i = 0; i < size.queries(); i++) {
            query.accept(partners.get(pick.nextInt(partners.size())));
        }
        Latencies latencies = new Latencies();
        for (int i = 0; i < size.queries(); i++) {
            String partner = partners.get(pick.nextInt(partners.size()));
            long t0 = System.nanoTime();
            query.accept(partner);
            latencies.add(System.nanoTime() - t0);
        }
        return latencies.summary();
    }

    // ---- 2. replay ---------------------------------------------------------------------------------------------

    private Map<String, Object> replay() {
        Map<String, Object> figure = new LinkedHashMap<>();
        long events = storedEvents();
        figure.put("eventsInStore", events);
        // the first read warms H2's page cache; the second is the one compared
        rawRead(RawRead.EVENTS);
        figure.put("rawRead", rawRead(RawRead.EVENTS));
        figure.put("rawReadWithPayloadTypes", rawRead(RawRead.PAYLOAD_TYPES));
        figure.put("rawReadWithPayloads", rawRead(RawRead.PAYLOADS));

        List<EarningsSummary> summariesBefore = summaries();
        List<Object> partnersBefore = partnerViews();
        List<Map<String, Object>> rebuilds = new ArrayList<>();
        for (String group : REBUILT_GROUPS) {
            rebuilds.add(rebuild(group, events));
        }
        figure.put("rebuilds", rebuilds);
        long appended = storedEvents() - events;
        if (appended != 0) {
            // the bench sends nothing during the replay: name what came, for whoever reads a failed check
            figure.put("eventsAppendedDuringReplay", newestEvents((int) Math.min(Math.abs(appended), 20)));
            log("%d events were appended during the replay: %s", appended, figure.get("eventsAppendedDuringReplay"));
        }
        // the raw rate again, in the state the rebuilds leave (heap, caches): how much the order of the two matters
        figure.put("rawReadAfterRebuilds", rawRead(RawRead.EVENTS));
        List<EarningsSummary> summariesAfter = summaries();
        List<Object> partnersAfter = partnerViews();
        check("rebuiltLedgerEqualsLive", summariesBefore.equals(summariesAfter));
        check("rebuiltPartnersEqualLive", partnersBefore.equals(partnersAfter));
        logFirstDifference("ledger summary", summariesBefore, summariesAfter);
        logFirstDifference("partner view", partnersBefore, partnersAfter);
        return figure;
    }

    /**
     * What a raw read does with each event: nothing; resolve its payload's class (as a processor does to choose its
     * handlers); deserialize its payload and metadata.
     */
    private enum RawRead { EVENTS, PAYLOAD_TYPES, PAYLOADS }

    private Map<String, Object> rawRead(RawRead mode) {
        String load = load();
        long count = 0;
        long t0 = System.nanoTime();
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(null)) {
            while (stream.hasNextAvailable(200, TimeUnit.MILLISECONDS)) {
                TrackedEventMessage<?> event = stream.nextAvailable();
                if (mode == RawRead.PAYLOAD_TYPES) {
                    event.getPayloadType();
                } else if (mode == RawRead.PAYLOADS) {
                    event.getPayload();
                    event.getMetaData();
                }
                count++;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        // the last hasNextAvailable waited 200 ms for an event that never came
        double seconds = seconds(System.nanoTime() - t0) - 0.2;
        Map<String, Object> figure = new LinkedHashMap<>();
        figure.put("events", count);
        figure.put("seconds", seconds);
        figure.put("eventsPerSecond", rate(count, seconds));
        figure.put("load", load);
        log("raw read%s: %d events in %.2f s = %.0f events/s", mode == RawRead.EVENTS ? ""
                : mode == RawRead.PAYLOAD_TYPES ? " with payload types" : " with payloads", count, seconds,
                rate(count, seconds));
        return figure;
    }

    /**
     * The read-model store's own write rate, the other baseline of a rebuild: documents shaped like a ledger entry
     * (about twenty fields) inserted in bulk batches of 500 into a scratch collection, dropped afterwards.
     */
    private Map<String, Object> rawDocumentWrite() {
        ReactiveMongoTemplate mongo = app.getBean(ReactiveMongoTemplate.class);
        String collection = "bench_raw_write";
        int documents = 20_000;
        String load = load();
        long t0 = System.nanoTime();
        List<org.bson.Document> batch = new ArrayList<>();
        for (int i = 0; i < documents; i++) {
            org.bson.Document document = new org.bson.Document("_id", UUID.randomUUID().toString())
                    .append("partnerId", "partner-" + (i % 50)).append("kind", "ACCRUAL").append("status", "PENDING")
                    .append("amount", new org.bson.Document("amountMinor", 12_345L + i).append("currency", "EUR"))
                    .append("outstanding", new org.bson.Document("amountMinor", 12_345L + i).append("currency", "EUR"))
                    .append("registrationId", UUID.randomUUID().toString()).append("earnedOn", "2026-11-27")
                    .append("period", "2026-11").append("recordedAt", new java.util.Date())
                    .append("payableAt", new java.util.Date()).append("actorId", "system:commission-engine")
                    .append("text", "8% of EUR 1,234.50 under plan version 1, rule percent-of-deal")
                    .append("eventId", UUID.randomUUID().toString()).append("causationId", UUID.randomUUID().toString())
                    .append("correlationId", UUID.randomUUID().toString()).append("position", (long) i)
                    .append("lastSequence", (long) i).append("reversalEntryIds", List.of());
            batch.add(document);
            if (batch.size() == 500 || i == documents - 1) {
                mongo.insert(List.copyOf(batch), collection).then().block();
                batch.clear();
            }
        }
        double seconds = seconds(System.nanoTime() - t0);
        mongo.dropCollection(collection).block();
        Map<String, Object> figure = new LinkedHashMap<>();
        figure.put("documents", documents);
        figure.put("seconds", seconds);
        figure.put("documentsPerSecond", rate(documents, seconds));
        figure.put("load", load);
        log("raw document write (read-model store, bulk inserts of 500): %d documents in %.2f s = %.0f documents/s",
                documents, seconds, rate(documents, seconds));
        return figure;
    }

    private Map<String, Object> rebuild(String group, long events) {
        StreamingEventProcessor processor = processing.eventProcessor(group, StreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("no streaming processor for " + group));
        long head = eventStore.createHeadToken().position().orElse(0);
        String load = load();
        processor.shutDown();
        long t0 = System.nanoTime();
        processor.resetTokens();
        // the processor claims one segment per thread: with fewer threads than stored segments it rebuilds a part
        int segments = app.getBean(TokenStore.class).fetchSegments(processor.getName()).length;
        int claimable = Math.min(segments, processor.maxCapacity());
        processor.start();
        long[] firstProgress = {-1};
        boolean done = waitUntil(() -> {
            if (firstProgress[0] < 0 && progressed(processor)) {
                firstProgress[0] = System.nanoTime();
            }
            return processor.processingStatus().size() >= claimable && reached(processor, head);
        }, SETTLE_TIMEOUT);
        double seconds = seconds(System.nanoTime() - t0);
        int claimed = processor.processingStatus().size();
        Map<String, Object> figure = new LinkedHashMap<>();
        figure.put("group", group);
        figure.put("processor", processor.getClass().getSimpleName());
        figure.put("segments", segments);
        figure.put("segmentsClaimed", claimed);
        figure.put("events", events);
        figure.put("seconds", seconds);
        figure.put("eventsPerSecond", rate(events, seconds));
        // how long the processor took, after the reset, to report a position: its start-up, not its reading
        figure.put("secondsToFirstPosition", firstProgress[0] < 0 ? null : seconds(firstProgress[0] - t0));
        figure.put("completed", done);
        figure.put("loadBefore", load);
        figure.put("loadAfter", load());
        check("rebuildCompleted:" + group, done);
        check("rebuildClaimedEverySegment:" + group, claimed == segments);
        log("rebuild %s: %d events in %.2f s = %.0f events/s (first position after %s s)", group, events, seconds,
                rate(events, seconds), figure.get("secondsToFirstPosition"));
        return figure;
    }

    private static boolean progressed(StreamingEventProcessor processor) {
        return processor.processingStatus().values().stream()
                .anyMatch(segment -> segment.getCurrentPosition().orElse(-1) > 0);
    }

    private static boolean reached(StreamingEventProcessor processor, long head) {
        Map<Integer, EventTrackerStatus> status = processor.processingStatus();
        return !status.isEmpty() && status.values().stream().allMatch(segment ->
                segment.getCurrentPosition().orElse(-1) >= head && !segment.isErrorState());
    }

    /** Names the first element that differs between the live and the rebuilt read model, to diagnose a failed check. */
    private void logFirstDifference(String what, List<?> live, List<?> rebuilt) {
        for (int i = 0; i < Math.max(live.size(), rebuilt.size()); i++) {
            Object before = i < live.size() ? live.get(i) : null;
            Object after = i < rebuilt.size() ? rebuilt.get(i) : null;
            if (!java.util.Objects.equals(before, after)) {
                log("DIFFERENCE in %s #%d:%n  live:    %s%n  rebuilt: %s", what, i, before, after);
                return;
            }
        }
    }

    private List<EarningsSummary> summaries() {
        return partners.stream().map(partner -> queries.query(new FindEarningsSummaryQuery(partner),
                ResponseTypes.instanceOf(EarningsSummary.class)).join()).toList();
    }

    private List<Object> partnerViews() {
        List<Object> views = new ArrayList<>();
        views.add(queries.query(new FindPartnersQuery(null, 0, 10_000), ResponseTypes.instanceOf(PartnerPage.class)).join());
        for (String partner : partners) {
            views.add(queries.query(new FindPartnerQuery(partner), ResponseTypes.optionalInstanceOf(PartnerView.class)).join());
        }
        return views;
    }

    // ---- correctness -------------------------------------------------------------------------------------------

    private Map<String, Object> audit() {
        String load = load();
        long t0 = System.nanoTime();
        LedgerAuditReport report = queries.query(new RunLedgerAuditQuery(), ResponseTypes.instanceOf(LedgerAuditReport.class)).join();
        double seconds = seconds(System.nanoTime() - t0);
        long accruals = count("%.CommissionAccruedEvent");
        long wonEvents = count("%.DealClosedWonEvent");
        check("auditorFindsNoDifference", report.differences().isEmpty());
        check("oneAccrualPerWonDeal", accruals == won.get() && wonEvents == won.get());
        check("everyDealSettled", count("%.DealClosedLostEvent") == lost.get());
        Map<String, Object> figure = new LinkedHashMap<>();
        figure.put("seconds", seconds);
        figure.put("eventsRead", report.eventsRead());
        figure.put("partnersChecked", report.partnersChecked());
        figure.put("differences", report.differences().size());
        if (!report.differences().isEmpty()) {
            figure.put("firstDifferences", report.differences().stream().limit(10).map(String::valueOf).toList());
            figure.put("newestEvents", newestEvents(10));
        }
        figure.put("wonDeals", won.get());
        figure.put("lostDeals", lost.get());
        figure.put("accrualEvents", accruals);
        figure.put("load", load);
        log("audit: %d events read in %.2f s, %d differences; %d won deals, %d accruals", report.eventsRead(), seconds,
                report.differences().size(), won.get(), accruals);
        return figure;
    }

    /** The newest events by time (position, type, stream, sequence, time). */
    private List<String> newestEvents(int limit) {
        return jdbc.query("select globalIndex, payloadType, aggregateIdentifier, sequenceNumber, timeStamp "
                + "from DomainEventEntry order by timeStamp desc, globalIndex desc limit ?", (row, i) ->
                row.getLong(1) + " " + row.getString(2) + " " + row.getString(3) + "#" + row.getLong(4) + " "
                        + row.getString(5), limit);
    }

    private long count(String payloadTypeLike) {
        return jdbc.queryForObject("select count(*) from DomainEventEntry where payloadType like ?", Long.class, payloadTypeLike);
    }

    private Map<String, Long> eventsByType() {
        Map<String, Long> byType = new LinkedHashMap<>();
        jdbc.query("select payloadType, count(*) from DomainEventEntry group by payloadType order by 2 desc", row -> {
            String type = row.getString(1);
            byType.put(type.substring(type.lastIndexOf('.') + 1), row.getLong(2));
        });
        return byType;
    }

    // ---- 5. footprint ------------------------------------------------------------------------------------------

    private Map<String, Object> footprint() {
        Map<String, Object> figure = new LinkedHashMap<>();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long events = storedEvents();
        figure.put("heapUsedAfterGcMb", heap / 1_048_576.0);
        figure.put("heapMaxMb", Runtime.getRuntime().maxMemory() / 1_048_576.0);
        figure.put("heapHistogramTop", histogram(25));
        figure.put("events", events);
        Map<String, Long> files = new LinkedHashMap<>();
        try (Stream<Path> walk = Files.walk(dataDir)) {
            walk.filter(Files::isRegularFile).sorted().forEach(file -> files.put(dataDir.relativize(file).toString(), sizeOf(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long total = files.values().stream().mapToLong(Long::longValue).sum();
        figure.put("dataDirFiles", files);
        figure.put("dataDirMb", total / 1_048_576.0);
        figure.put("dataDirMbPerMillionEvents", total / 1_048_576.0 / events * 1_000_000);
        figure.put("load", load());
        log("heap after GC %.0f MB; data dir %.1f MB for %d events", heap / 1_048_576.0, total / 1_048_576.0, events);
        return figure;
    }

    /** The classes holding most of the heap, as {@code jcmd <pid> GC.class_histogram} prints them. */
    private static List<String> histogram(int lines) {
        try {
            Object text = ManagementFactory.getPlatformMBeanServer().invoke(
                    new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[]{new String[0]}, new String[]{String[].class.getName()});
            return text.toString().lines().limit(lines + 2L).map(String::strip).toList();
        } catch (javax.management.JMException e) {
            return List.of("unavailable: " + e);
        }
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private void send(Object command) {
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(WHO));
    }

    private void timed(Latencies latencies, Object command) {
        long t0 = System.nanoTime();
        send(command);
        latencies.add(System.nanoTime() - t0);
    }

    private long storedEvents() {
        return jdbc.queryForObject("select count(*) from DomainEventEntry", Long.class);
    }

    /** Every streaming processor at the head of the stream and the store no longer growing. */
    private void settle() {
        AtomicLong last = new AtomicLong(-1);
        boolean settled = waitUntil(() -> {
            long head = eventStore.createHeadToken().position().orElse(0);
            boolean caughtUp = processing.eventProcessors().values().stream()
                    .filter(StreamingEventProcessor.class::isInstance).map(StreamingEventProcessor.class::cast)
                    .filter(StreamingEventProcessor::isRunning)
                    .allMatch(processor -> reached(processor, head));
            long now = storedEvents();
            return caughtUp && now == last.getAndSet(now);
        }, SETTLE_TIMEOUT);
        if (!settled) {
            throw new IllegalStateException("the event processors did not catch up within " + SETTLE_TIMEOUT);
        }
    }

    private static boolean waitUntil(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private Map<String, Object> machine() {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("memoryMb", ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize() / 1_048_576);
        machine.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        machine.put("jvmArgs", ManagementFactory.getRuntimeMXBean().getInputArguments());
        machine.put("heapMaxMb", Runtime.getRuntime().maxMemory() / 1_048_576);
        try {
            machine.put("host", InetAddress.getLocalHost().getHostName());
        } catch (IOException e) {
            machine.put("host", "unknown");
        }
        machine.put("loadAtStart", load());
        return machine;
    }

    /**
     * What code was measured, as {@code bench/run.sh} found it: when the jar was built, the commit of the tree, how many
     * tracked files differed from it, and whether a source file changed after the jar was built (then the jar may not
     * be the code in the tree). "unknown" when the bench is started another way.
     */
    private static Map<String, Object> build() {
        Map<String, Object> build = new LinkedHashMap<>();
        for (String key : List.of("jarBuilt", "commit", "uncommittedFiles", "sourcesNewerThanJar")) {
            build.put(key, System.getProperty("bench.build." + key, "unknown"));
        }
        return build;
    }

    /** The 1, 5 and 15 minute load averages: another engineer's build may share these cores. */
    private static String load() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private void write() throws IOException {
        Files.createDirectories(out);
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
        Path json = out.resolve(((Map<?, ?>) results.get("size")).get("name") + "-" + stamp + ".json");
        ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
                .enable(SerializationFeature.INDENT_OUTPUT);
        mapper.writeValue(json.toFile(), results);
        Path csv = out.resolve("summary.csv");
        if (!Files.exists(csv)) {
            Files.writeString(csv, "run,size,metric,value,unit,load\n");
        }
        StringBuilder rows = new StringBuilder();
        String run = json.getFileName().toString();
        flatten("", results, (key, value) -> {
            if (value instanceof Number) {
                rows.append(run).append(',').append(size.name()).append(',').append(key).append(',').append(value)
                        .append(',').append(unit(key)).append(',').append(nearestLoad(key)).append('\n');
            }
        });
        Files.writeString(csv, rows, StandardOpenOption.APPEND);
        log("results: %s (ok: %s)", json, results.get("ok"));
    }

    /** The load recorded beside a figure: "load" or "loadBefore" in the figure's own map or the nearest one above it. */
    private String nearestLoad(String key) {
        Map<String, Object> flat = new LinkedHashMap<>();
        flatten("", results, flat::put);
        for (String prefix = key; prefix.contains("."); ) {
            prefix = prefix.substring(0, prefix.lastIndexOf('.'));
            for (String name : List.of(".load", ".loadBefore")) {
                if (flat.containsKey(prefix + name)) {
                    return String.valueOf(flat.get(prefix + name));
                }
            }
        }
        return "";
    }

    private static String unit(String key) {
        String k = key.toLowerCase();
        if (k.endsWith("persecond") || k.endsWith("persecondsettled") || k.endsWith("persecondduringcommands")) {
            return k.contains("event") ? "events/s" : "commands/s";
        }
        if (k.endsWith("ms")) {
            return "ms";
        }
        if (k.endsWith("seconds")) {
            return "s";
        }
        if (k.endsWith("mb") || k.endsWith("permillionevents")) {
            return "MB";
        }
        return "";
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Object value, java.util.function.BiConsumer<String, Object> visitor) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> flatten(prefix.isEmpty() ? k.toString() : prefix + "." + k, v, visitor));
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                Object item = list.get(i);
                String name = item instanceof Map<?, ?> m && m.containsKey("threads") ? "x" + m.get("threads")
                        : item instanceof Map<?, ?> m2 && m2.containsKey("group") ? String.valueOf(m2.get("group")) : String.valueOf(i);
                flatten(prefix + "." + name, item, visitor);
            }
        } else {
            visitor.accept(prefix, value);
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static double rate(long count, double seconds) {
        return seconds <= 0 ? 0 : Math.round(count / seconds * 10) / 10.0;
    }

    private static void log(String format, Object... args) {
        System.out.printf("[bench %s] %s%n", DateTimeFormatter.ISO_LOCAL_TIME.withZone(ZoneOffset.UTC).format(Instant.now()),
                String.format(format, args));
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
