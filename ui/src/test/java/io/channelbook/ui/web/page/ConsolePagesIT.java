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

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The console's pages over a real page session (login form, cookie, CSRF), without a browser: finance CSV exports,
 * registering a partner and changing its tier from forms, and partner users kept out of the console.
 */
class ConsolePagesIT extends StandaloneIntegrationTest {

    private SecurityFixtures fixtures;

    @BeforeEach
    void fixtures() {
        fixtures = new SecurityFixtures(http, anonymous, port);
    }

    @Test
    void financeDownloadsEntriesHistoryAndJournalAsCsvOverThePageSession() {
        String partnerId = fixtures.registerPartner("Csv Export Partner");
        String adjustmentId = "page-csv-" + UUID.randomUUID();
        http.post().uri("/api/ledger/partners/{id}/adjustments", partnerId).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(LedgerTestSupport.adjustment(adjustmentId, "123.45", "Marketing fund, page export test"))
                .exchange().expectStatus().isAccepted();
        SecurityFixtures.User finance = fixtures.user(Role.FINANCE, null);
        PageSession page = PageSession.logIn(anonymous, finance.email(), finance.password());

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(csv(page, "/console/finance/partners/" + partnerId + "/entries.csv"))
                .contains("ADJUSTMENT", "123.45", "Marketing fund, page export test"));
        String entries = csv(page, "/console/finance/partners/" + partnerId + "/entries.csv");
        assertThat(entries.lines().findFirst()).hasValueSatisfying(header -> assertThat(header).startsWith("entryId,partnerId,recordedAt,kind"));

        assertThat(csv(page, "/console/finance/history.csv?partnerId=" + partnerId))
                .as("the finance history names who booked it and why")
                .contains("ADJUSTED", "ADJUSTMENT", "123.45", "Marketing fund, page export test");
        assertThat(csv(page, "/console/finance/journal.csv?partnerId=" + partnerId))
                .startsWith("sequence,recordedAt,eventId,partnerId,account,currency,debit,credit,memo")
                .contains(partnerId, "123.45");
        assertThat(csv(page, "/console/finance/partners/" + partnerId + "/statement.csv"))
                .contains("opening", "closing", "123.45");

        // the same page link without the session is a login, not a file
        anonymous.get().uri("/console/finance/history.csv").exchange()
                .expectStatus().isFound().expectHeader().valueMatches(HttpHeaders.LOCATION, ".*/login");
    }

    @Test
    void aChannelManagerRegistersAPartnerAndChangesItsTierWithTheForms() {
        SecurityFixtures.User manager = fixtures.user(Role.CHANNEL_MANAGER, null);
        PageSession page = PageSession.logIn(anonymous, manager.email(), manager.password());
        String name = "Formular Partner " + UUID.randomUUID().toString().substring(0, 6);

        // refused field by field, with what was typed kept
        String refused = page.post("/console/partners/new", "/console/partners", Map.of("legalName", name, "country", "XX",
                        "websiteDomain", "not a domain", "programType", "RESELLER", "contactName", "Ida Form", "contactEmail", "ida@example.com"))
                .expectStatus().isBadRequest().expectBody(String.class).returnResult().getResponseBody();
        assertThat(refused).contains("id=\"country-error\"", "id=\"websiteDomain-error\"", "value=\"" + name + "\"")
                .doesNotContain("id=\"legalName-error\"");

        String location = page.post("/console/partners/new", "/console/partners", Map.of("legalName", name, "country", "at",
                        "websiteDomain", "https://www.formular-" + UUID.randomUUID().toString().substring(0, 6) + ".at/",
                        "programType", "SERVICES", "contactName", "Ida Form", "contactEmail", "Ida@Example.com"))
                .expectStatus().isSeeOther()
                .returnResult(Void.class).getResponseHeaders().getLocation().toString();
        assertThat(location).matches("/console/partners/[0-9a-f-]{36}");
        String partnerId = location.substring(location.lastIndexOf('/') + 1);
        String detail = page.html(location);
        assertThat(detail).contains(name, "Registered. The partner is onboarding", "Services");
        assertThat(page.html(location)).as("the notice shows once").doesNotContain("Registered. The partner is onboarding");
        http.get().uri("/api/partners/{id}", partnerId).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.country").isEqualTo("AT").jsonPath("$.primaryContact.email").isEqualTo("ida@example.com");

        page.post(location, location + "/tier", Map.of("tier", "gold", "reason", "Certified two engineers"))
                .expectStatus().isSeeOther();
        assertThat(page.html(location)).contains("Moved to tier GOLD.", "id=\"partner-tier\">GOLD<");
        http.get().uri("/api/partners/{id}", partnerId).exchange().expectBody().jsonPath("$.tier").isEqualTo("GOLD");

        page.post(location, location + "/tier", Map.of("tier", "not a tier!", "reason", "typo"))
                .expectStatus().isSeeOther();
        assertThat(page.html(location)).contains("Tier: must be a tier name such as GOLD");
    }

    @Test
    void partnerUsersGetAStyled403OnTheConsole() {
        String partnerId = fixtures.registerPartner("Console Outsider");
        SecurityFixtures.User partnerAdmin = fixtures.user(Role.PARTNER_ADMIN, partnerId);
        PageSession page = PageSession.logIn(anonymous, partnerAdmin.email(), partnerAdmin.password());

        for (String path : new String[]{"/console/partners", "/console/plans", "/console/finance", "/console/deals",
                "/console/finance/history.csv", "/console/plans/new"}) {
            String body = page.get(path).expectStatus().isEqualTo(HttpStatus.FORBIDDEN)
                    .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                    .expectBody(String.class).returnResult().getResponseBody();
            assertThat(body).as(path).contains("Not for your role", "/css/app.css").doesNotContain("Exception", "at io.channelbook");
        }
        page.post("/portal", "/console/partners", Map.of("legalName", "Sneaky")).expectStatus().isForbidden();
        // their own portal still works
        assertThat(page.html("/portal")).contains("Console Outsider", "dashboard");
    }

    @Test
    void aVendorRoleWithoutTheRightGetsTheStyled403Too() {
        SecurityFixtures.User analyst = fixtures.user(Role.ANALYST, null);
        PageSession page = PageSession.logIn(anonymous, analyst.email(), analyst.password());
        page.get("/console/plans/new").expectStatus().isForbidden();
        page.get("/console/partners/new").expectStatus().isForbidden();
        assertThat(page.html("/console/plans")).doesNotContain("id=\"new-plan\"");
        assertThat(page.html("/console/partners")).doesNotContain("id=\"new-partner\"");
    }

    private static String csv(PageSession page, String path) {
        return page.get(path).expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(new MediaType("text", "csv"))
                .expectHeader().valueMatches(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\".+\\.csv\"")
                .expectBody(String.class).returnResult().getResponseBody();
    }
}
