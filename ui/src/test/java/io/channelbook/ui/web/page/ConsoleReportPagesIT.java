package io.channelbook.ui.web.page;

import io.channelbook.ui.StandaloneIntegrationTest;
import io.channelbook.ui.ledger.LedgerTestSupport;
import io.channelbook.ui.security.Role;
import io.channelbook.ui.security.SecurityFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The analyst's report pages over a real page session (login form, cookie, CSRF): an attribution run started from
 * the form completes with the won deal's row, its CSV downloads over the session, the program reports render, and
 * partner users are kept out.
 */
class ConsoleReportPagesIT extends StandaloneIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private SecurityFixtures fixtures;
    private WebTestClient manager;

    @BeforeEach
    void fixtures() {
        fixtures = new SecurityFixtures(http, anonymous, port);
        manager = fixtures.user(Role.CHANNEL_MANAGER, null).client();
    }

    @Test
    void anAnalystStartsARunFromTheFormFollowsItToCompletionAndDownloadsItsCsv() {
        String seller = fixtures.activePartner("Page Attribution Seller");
        String deal = LedgerTestSupport.approvedDeal(fixtures.user(Role.PARTNER_USER, seller).client(), manager, "Report Page Customer");
        manager.post().uri("/api/deals/{id}/close-won", deal).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(LedgerTestSupport.closeWon("1234.56")).exchange().expectStatus().isAccepted();

        SecurityFixtures.User analyst = fixtures.user(Role.ANALYST, null);
        PageSession page = PageSession.logIn(anonymous, analyst.email(), analyst.password());
        String list = page.html("/console/reports");
        assertThat(list).contains("id=\"start-run\"", "href=\"/console/reports\"", "Reports");

        // the deal's projection may lag the close; start runs until one sees it
        String runPath = await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).until(() -> {
            Map<String, String> form = new HashMap<>(Map.of("model", "WEIGHTED", "sourced", "70", "influenced", "20",
                    "delivered", "10", "partnerId", seller, "currency", "eur"));
            String location = page.post("/console/reports", "/console/reports", form)
                    .expectStatus().isSeeOther()
                    .returnResult(Void.class).getResponseHeaders().getLocation().toString();
            assertThat(location).matches("/console/reports/runs/[0-9a-f-]{36}");
            String first = page.html(location);
            if (!first.contains(">COMPLETED<") && !first.contains(">FAILED<") && !first.contains(">CANCELLED<")) {
                assertThat(first).as("a running run polls its progress and can be cancelled")
                        .contains("hx-trigger=\"every 1s\"", "hx-get=\"" + location + "/progress\"", "id=\"cancel-run\"");
            }
            String completed = await().atMost(WAIT).until(() -> page.html(location), html -> html.contains("id=\"run-status\"")
                    && html.contains(">COMPLETED<"));
            return completed.contains("Page Attribution Seller") ? location : null;
        }, path -> path != null);

        String run = page.html(runPath);
        assertThat(run).contains("id=\"run-rows\"", "Page Attribution Seller", "PLATFORM-PRO", "1,234.56")
                .doesNotContain("hx-trigger=\"every 1s\"", "id=\"cancel-run\"");
        assertThat(page.html(runPath + "/progress")).contains("COMPLETED").doesNotContain("hx-trigger");

        String csv = page.get(runPath + ".csv").expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(new MediaType("text", "csv"))
                .expectHeader().valueMatches(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"attribution-.+\\.csv\"")
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(csv).startsWith("runId,status,complete,partnerId,partnerName,tier,product,period,currency,sourced,")
                .contains(seller + ",Page Attribution Seller,", ",PLATFORM-PRO,", ",EUR,1234.56,");

        String runId = runPath.substring(runPath.lastIndexOf('/') + 1);
        assertThat(page.html("/console/reports")).contains(runPath, "COMPLETED");
        assertThat(page.html("/console/reports/compare?a=" + runId + "&b=" + runId)).contains("id=\"compare-rows\"", "Page Attribution Seller");
        assertThat(page.html("/console/reports/program")).contains("id=\"program-form\"", "Pipeline contribution", "Revenue over time",
                "Commission ROI", "Tier progress");

        // a CSV link without the session is a login, not a file
        anonymous.get().uri(runPath + ".csv").exchange()
                .expectStatus().isFound().expectHeader().valueMatches(HttpHeaders.LOCATION, ".*/login");
    }

    @Test
    void partnerUsersGetTheStyled403OnTheReports() {
        String partnerId = fixtures.registerPartner("Report Outsider");
        SecurityFixtures.User partnerAdmin = fixtures.user(Role.PARTNER_ADMIN, partnerId);
        PageSession page = PageSession.logIn(anonymous, partnerAdmin.email(), partnerAdmin.password());
        for (String path : new String[]{"/console/reports", "/console/reports/program", "/console/reports/runs/x.csv"}) {
            String body = page.get(path).expectStatus().isEqualTo(HttpStatus.FORBIDDEN)
                    .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                    .expectBody(String.class).returnResult().getResponseBody();
            assertThat(body).as(path).contains("Not for your role").doesNotContain("Exception");
        }
        SecurityFixtures.User finance = fixtures.user(Role.FINANCE, null);
        PageSession financePage = PageSession.logIn(anonymous, finance.email(), finance.password());
        financePage.get("/console/reports").expectStatus().isForbidden();
        assertThat(financePage.html("/console/partners")).doesNotContain("href=\"/console/reports\"");
    }

}
