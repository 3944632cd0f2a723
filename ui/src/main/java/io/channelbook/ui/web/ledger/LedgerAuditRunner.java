package io.channelbook.ui.web.ledger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.channelbook.api.ledger.LedgerAuditReport;
import io.channelbook.api.ledger.RunLedgerAuditQuery;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * The ledger auditor from the command line: started with {@code --channelbook.audit=true}, the application waits until
 * the event processors it hosts have caught up with the event stream, runs the independent audit once, prints the
 * report as JSON on standard output and exits: status 0 when the read models agree with the events, 1 when they
 * differ or the audit could not run. {@code --channelbook.audit-timeout} (default 10m) bounds the wait and the audit.
 */
@Component
@ConditionalOnProperty(name = "channelbook.audit", havingValue = "true")
class LedgerAuditRunner implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(LedgerAuditRunner.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final QueryGateway queries;
    private final Supplier<Collection<StreamingEventProcessor>> processors;
    private final ObjectMapper json;
    private final Duration timeout;
    private final PrintStream out;
    private final IntConsumer exit;

    @Autowired
    LedgerAuditRunner(QueryGateway queries, ObjectProvider<EventProcessingConfiguration> processing, ObjectMapper json,
                      @Value("${channelbook.audit-timeout:10m}") Duration timeout, ConfigurableApplicationContext context) {
        this(queries, () -> streamingProcessors(processing.getIfAvailable()), json, timeout, System.out,
                code -> System.exit(SpringApplication.exit(context, () -> code)));
    }

    LedgerAuditRunner(QueryGateway queries, Supplier<Collection<StreamingEventProcessor>> processors, ObjectMapper json,
                      Duration timeout, PrintStream out, IntConsumer exit) {
        this.queries = queries;
        this.processors = processors;
        this.json = json.copy().enable(SerializationFeature.INDENT_OUTPUT);
        this.timeout = timeout;
        this.out = out;
        this.exit = exit;
    }

    @Override
    public void run(ApplicationArguments args) {
        exit.accept(audit());
    }

    /** 0: no differences; 1: differences, or no audit. */
    int audit() {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            if (!awaitCaughtUp(deadline)) {
                log.error("The event processors did not catch up within {}; no audit was run", timeout);
                return 1;
            }
            long left = Math.max(1, deadline - System.nanoTime());
            LedgerAuditReport report = queries.query(new RunLedgerAuditQuery(), ResponseTypes.instanceOf(LedgerAuditReport.class))
                    .get(left, TimeUnit.NANOSECONDS);
            if (report == null) {
                log.error("The ledger auditor gave no report");
                return 1;
            }
            out.println(json.writeValueAsString(report));
            out.flush();
            int differences = report.differences() == null ? 0 : report.differences().size();
            if (differences > 0) {
                log.error("Ledger audit: {} difference(s) between the event stream and the read models", differences);
                return 1;
            }
            log.info("Ledger audit: {} partner(s) checked, no differences", report.partnersChecked());
            return 0;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            log.error("The ledger audit was interrupted");
            return 1;
        } catch (Exception failed) {
            log.error("The ledger audit failed", failed);
            return 1;
        }
    }

    private boolean awaitCaughtUp(long deadline) throws InterruptedException {
        while (!caughtUp(processors.get())) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(POLL.toMillis());
        }
        return true;
    }

    /** Every running streaming processor has claimed segments, and all of them have reached the head of the stream. */
    static boolean caughtUp(Collection<StreamingEventProcessor> processors) {
        return processors.stream()
                .filter(StreamingEventProcessor::isRunning)
                .allMatch(processor -> !processor.processingStatus().isEmpty()
                        && processor.processingStatus().values().stream().allMatch(EventTrackerStatus::isCaughtUp));
    }

    private static Collection<StreamingEventProcessor> streamingProcessors(EventProcessingConfiguration processing) {
        if (processing == null) {
            return java.util.List.of();
        }
        return processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance)
                .map(StreamingEventProcessor.class::cast)
                .toList();
    }
}
