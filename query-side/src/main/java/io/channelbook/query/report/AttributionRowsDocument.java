package io.channelbook.query.report;

import io.channelbook.api.report.AttributionRow;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.util.List;

/**
 * A chunk of a completed run's rows, keyed {@code runId:chunk} so that a run's rows are read by id. Amounts in minor
 * units of the row's currency.
 */
@Document(AttributionRowsDocument.COLLECTION)
record AttributionRowsDocument(@Id String id, String runId, int chunk, List<Line> rows) {

    static final String COLLECTION = "attribution_run_rows";
    static final int CHUNK_SIZE = 1000;

    static String id(String runId, int chunk) {
        return runId + ":" + chunk;
    }

    record Line(String partnerId, String partnerName, String tier, String product, String period, String currency,
                long sourced, long influenced, long delivered, long attributed, int deals) {

        static Line of(AttributionRow row) {
            return new Line(row.partnerId(), row.partnerName(), row.tier(), row.product(), row.period(),
                    row.currency(), row.sourced().amountMinor(), row.influenced().amountMinor(),
                    row.delivered().amountMinor(), row.attributed().amountMinor(), row.deals());
        }

        AttributionRow toRow() {
            return new AttributionRow(partnerId, partnerName, tier, product, period, currency,
                    AttributionReport.money(sourced, currency), AttributionReport.money(influenced, currency),
                    AttributionReport.money(delivered, currency), AttributionReport.money(attributed, currency),
                    deals);
        }
    }
}
