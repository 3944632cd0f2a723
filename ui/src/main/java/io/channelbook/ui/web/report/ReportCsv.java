package io.channelbook.ui.web.report;

import io.channelbook.api.money.Money;
import io.channelbook.api.report.AttributionComparison;
import io.channelbook.api.report.AttributionRunView;
import io.channelbook.api.report.CommissionRoiReport;
import io.channelbook.api.report.CommissionRoiRow;
import io.channelbook.api.report.PipelineContributionReport;
import io.channelbook.api.report.RevenueOverTimeReport;
import io.channelbook.api.report.TierProgressReport;
import io.channelbook.ui.web.csv.Csv;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * CSV exports of the reports (RFC 4180, CRLF, UTF-8): one header row, one row per report row; amounts in major units
 * with the currency in its own column. A text value a spreadsheet would run as a formula gets a leading apostrophe.
 */
public final class ReportCsv {

    public static final String TEXT_CSV_VALUE = "text/csv";
    public static final MediaType TEXT_CSV = MediaType.parseMediaType(TEXT_CSV_VALUE);

    private ReportCsv() {
    }

    /** CSV only when the client prefers it to JSON; anything else gets JSON. */
    static boolean prefersCsv(String acceptHeader) {
        List<MediaType> accepted;
        try {
            accepted = acceptHeader == null || acceptHeader.isBlank() ? List.of() : MediaType.parseMediaTypes(acceptHeader);
        } catch (InvalidMediaTypeException unreadable) {
            return false;
        }
        return accepted.stream()
                .filter(type -> type.getQualityValue() > 0)
                .sorted(Comparator.comparingDouble(MediaType::getQualityValue).reversed()
                        .thenComparing(MediaType::isWildcardType)
                        .thenComparing(MediaType::isWildcardSubtype))
                .filter(type -> type.isCompatibleWith(MediaType.APPLICATION_JSON) || type.isCompatibleWith(TEXT_CSV))
                .findFirst()
                .map(type -> !type.isCompatibleWith(MediaType.APPLICATION_JSON))
                .orElse(false);
    }

    static ResponseEntity<Object> respond(Object report, String accept, String fileName,
                                          java.util.function.Function<Object, String> csv) {
        if (!prefersCsv(accept)) {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(report);
        }
        return ResponseEntity.ok().contentType(TEXT_CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName + ".csv\"")
                .body(csv.apply(report));
    }

    public static String run(Object value) {
        AttributionRunView run = (AttributionRunView) value;
        StringBuilder csv = new StringBuilder(row("runId", "status", "complete", "partnerId", "partnerName", "tier",
                "product", "period", "currency", "sourced", "influenced", "delivered", "attributed", "deals"));
        for (var row : run.rows()) {
            csv.append(row(text(run.runId()), text(run.progress().status().name()), "true", text(row.partnerId()),
                    text(row.partnerName()), text(row.tier()), text(row.product()), text(row.period()),
                    text(row.currency()), amount(row.sourced()), amount(row.influenced()), amount(row.delivered()),
                    amount(row.attributed()), Integer.toString(row.deals())));
        }
        return csv.toString();
    }

    public static String comparison(Object value) {
        AttributionComparison comparison = (AttributionComparison) value;
        StringBuilder csv = new StringBuilder(row("runA", "runB", "partnerId", "partnerName", "tier", "product",
                "period", "currency", "attributedA", "attributedB", "difference"));
        for (var row : comparison.rows()) {
            csv.append(row(text(comparison.a().runId()), text(comparison.b().runId()), text(row.partnerId()),
                    text(row.partnerName()), text(row.tier()), text(row.product()), text(row.period()),
                    text(row.currency()), amount(row.attributedA()), amount(row.attributedB()),
                    amount(row.difference())));
        }
        return csv.toString();
    }

    static String pipeline(Object value) {
        PipelineContributionReport report = (PipelineContributionReport) value;
        StringBuilder csv = new StringBuilder(row("partnerId", "partnerName", "tier", "stage", "currency", "deals",
                "expectedValue"));
        for (var row : report.rows()) {
            csv.append(row(text(row.partnerId()), text(row.partnerName()), text(row.tier()), row.stage().name(),
                    text(row.currency()), Integer.toString(row.deals()), amount(row.expectedValue())));
        }
        return csv.toString();
    }

    static String revenue(Object value) {
        RevenueOverTimeReport report = (RevenueOverTimeReport) value;
        StringBuilder csv = new StringBuilder(row("period", "currency", "sourced", "influenced", "delivered", "deals"));
        for (var month : report.months()) {
            csv.append(row(text(month.period()), text(month.currency()), amount(month.sourced()),
                    amount(month.influenced()), amount(month.delivered()), Integer.toString(month.deals())));
        }
        return csv.toString();
    }

    static String roi(Object value) {
        CommissionRoiReport report = (CommissionRoiReport) value;
        StringBuilder csv = new StringBuilder(row("level", "partnerId", "partnerName", "tier", "currency", "accrued",
                "reversed", "adjusted", "cost", "attributedRevenue", "roi", "costRatio"));
        List<String[]> lines = new ArrayList<>();
        report.partners().forEach(row -> lines.add(roiRow("partner", row)));
        report.tiers().forEach(row -> lines.add(roiRow("tier", row)));
        lines.forEach(line -> csv.append(row(line)));
        return csv.toString();
    }

    private static String[] roiRow(String level, CommissionRoiRow row) {
        return new String[]{level, text(row.partnerId()), text(row.partnerName()), text(row.tier()),
                text(row.currency()), amount(row.accrued()), amount(row.reversed()), amount(row.adjusted()),
                amount(row.cost()), amount(row.attributedRevenue()), Objects.toString(row.roi(), ""),
                Objects.toString(row.costRatio(), "")};
    }

    static String tierProgress(Object value) {
        TierProgressReport report = (TierProgressReport) value;
        StringBuilder csv = new StringBuilder(row("partnerId", "partnerName", "currentTier", "currency", "volume",
                "qualifiedTier", "nextTier", "nextThreshold", "remaining", "percentOfNext"));
        for (var row : report.rows()) {
            csv.append(row(text(row.partnerId()), text(row.partnerName()), text(row.currentTier()),
                    text(row.currency()), amount(row.volume()), text(row.qualifiedTier()), text(row.nextTier()),
                    amount(row.nextThreshold()), amount(row.remaining()), Objects.toString(row.percentOfNext(), "")));
        }
        return csv.toString();
    }

    static String amount(Money money) {
        return Csv.amount(money);
    }

    static String text(String value) {
        return Csv.text(value);
    }

    private static String row(String... fields) {
        return Csv.row(fields);
    }
}
