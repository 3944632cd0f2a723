package io.channelbook.ui.web.audit;

import io.channelbook.api.audit.AuditEntry;
import io.channelbook.api.audit.AuditTrail;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The CSV form of an audit trail and the choice between CSV and JSON. */
class AuditControllerTest {

    @Test
    void csvHasAHeaderAndOneQuotedRowPerEntry() {
        AuditTrail trail = new AuditTrail("p-1", List.of(new AuditEntry("e-1", "Partner", "p-1", 0,
                "PartnerRegisteredEvent", Instant.parse("2026-01-05T10:00:00Z"), "u-1", "PROGRAM_ADMIN", null,
                "req-1", "batch \"7\", north", "cmd-1", "10.0.0.7")));

        assertThat(AuditController.toCsv(trail)).isEqualTo(
                "eventId,aggregateType,aggregateId,sequenceNumber,eventType,timestamp,actorId,actorRole,actorPartnerId,"
                        + "requestId,correlationId,causationId,clientAddress\r\n"
                        + "e-1,Partner,p-1,0,PartnerRegisteredEvent,2026-01-05T10:00:00Z,u-1,PROGRAM_ADMIN,,req-1,"
                        + "\"batch \"\"7\"\", north\",cmd-1,10.0.0.7\r\n");
    }

    @Test
    void valuesASpreadsheetWouldRunAreDefused() {
        assertThat(AuditController.field("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(AuditController.field("-batch-7")).isEqualTo("'-batch-7");
        assertThat(AuditController.field("@sum")).isEqualTo("'@sum");
        assertThat(AuditController.field("line\nbreak")).isEqualTo("\"line\nbreak\"");
        assertThat(AuditController.field("plain")).isEqualTo("plain");
    }

    @Test
    void csvOnlyWhenPreferredToJson() {
        assertThat(AuditController.prefersCsv(MediaType.parseMediaTypes("text/csv"))).isTrue();
        assertThat(AuditController.prefersCsv(MediaType.parseMediaTypes("*/*, text/csv"))).isTrue();
        assertThat(AuditController.prefersCsv(MediaType.parseMediaTypes("application/json;q=0.5, text/csv"))).isTrue();
        assertThat(AuditController.prefersCsv(MediaType.parseMediaTypes("text/csv;q=0.5, application/json"))).isFalse();
        assertThat(AuditController.prefersCsv(MediaType.parseMediaTypes("*/*"))).isFalse();
        assertThat(AuditController.prefersCsv(List.of())).isFalse();
    }
}
