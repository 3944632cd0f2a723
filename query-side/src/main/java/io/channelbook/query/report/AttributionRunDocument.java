package io.channelbook.query.report;

import io.channelbook.api.report.AttributionRunParameters;
import io.channelbook.api.report.AttributionTotal;
import io.channelbook.api.report.ReplayProgress;
import io.channelbook.api.report.ReplayStatus;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.List;

/**
 * One attribution run, keyed by its id: the normalized parameters (stop position included, so it can be repeated
 * exactly), who asked, the last progress saved and, once COMPLETED, the number of row chunks and the totals. The rows
 * themselves live in {@link AttributionRowsDocument}s, written before the status becomes COMPLETED.
 * {@code heartbeatAt} moves while the run works; a run that is not final and whose heartbeat stopped was interrupted.
 */
@Document(AttributionRunDocument.COLLECTION)
record AttributionRunDocument(@Id String id, AttributionRunParameters parameters, String requestedBy,
                              Instant requestedAt, ReplayStatus status, long eventsProcessed, long totalEvents,
                              long position, long stopPosition, double percent, double eventsPerSecond,
                              Long etaSeconds, Instant startedAt, Instant finishedAt, Instant heartbeatAt,
                              String message, int rowChunks, List<TotalLine> totals) {

    static final String COLLECTION = "attribution_runs";

    record TotalLine(String currency, long sourced, long influenced, long delivered, long attributed, int deals) {

        static TotalLine of(AttributionTotal total) {
            return new TotalLine(total.currency(), total.sourced().amountMinor(), total.influenced().amountMinor(),
                    total.delivered().amountMinor(), total.attributed().amountMinor(), total.deals());
        }

        AttributionTotal toTotal() {
            return new AttributionTotal(currency, AttributionReport.money(sourced, currency),
                    AttributionReport.money(influenced, currency), AttributionReport.money(delivered, currency),
                    AttributionReport.money(attributed, currency), deals);
        }
    }

    ReplayProgress progress() {
        return new ReplayProgress(id, status, eventsProcessed, totalEvents, position, stopPosition, percent,
                eventsPerSecond, etaSeconds, startedAt, finishedAt, message);
    }

    AttributionRunDocument with(ReplayProgress progress, Instant heartbeat, int chunks, List<TotalLine> totalLines) {
        return new AttributionRunDocument(id, parameters, requestedBy, requestedAt, progress.status(),
                progress.eventsProcessed(), progress.totalEvents(), progress.position(), progress.stopPosition(),
                progress.percent(), progress.eventsPerSecond(), progress.etaSeconds(), progress.startedAt(),
                progress.finishedAt(), heartbeat, progress.message(), chunks, totalLines);
    }
}
