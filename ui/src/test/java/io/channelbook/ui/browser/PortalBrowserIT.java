package io.channelbook.ui.browser;

import io.channelbook.ui.StandaloneIntegrationTest;
import io.channelbook.ui.ledger.LedgerTestSupport;
import io.channelbook.ui.security.Role;
import io.channelbook.ui.security.SecurityFixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.http.MediaType;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The portal and the console in real headless Chromium, as people use them: a partner registers a deal, a channel
 * manager approves and wins it, the partner's open dashboard shows the commission live, finance downloads the
 * statement. Each step leaves a screenshot under {@code target/screenshots/}. The steps build on each other.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PortalBrowserIT extends StandaloneIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    /** How soon the open dashboard must show new earnings. */
    private static final Duration LIVE = Duration.ofSeconds(2);

    private SecurityFixtures fixtures;
    private String partnerId;
    private SecurityFixtures.User partnerAdmin;
    private SecurityFixtures.User channelManager;
    private SecurityFixtures.User finance;
    private final String customer = "Nordlicht Logistik " + UUID.randomUUID().toString().substring(0, 6);
    private final String customerDomain = "nordlicht-" + UUID.randomUUID().toString().substring(0, 8) + ".de";
    private String registrationId;

    private WebDriver partnerBrowser;
    private WebDriver managerBrowser;
    private WebDriver financeBrowser;

    @BeforeAll
    void programWithAPlanAndPeople() {
        Browsers.assumeInstalled();
        http = as(ADMIN_EMAIL, ADMIN_PASSWORD);
        fixtures = new SecurityFixtures(http, anonymous, port);
        partnerId = fixtures.registerPartner("Browser Partner GmbH");
        http.post().uri("/api/partners/{id}/activate", partnerId).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("reason", "Agreement signed")).exchange().expectStatus().isAccepted();
        // 10% of the deal, no hold, assigned to this partner only (other tests share the program)
        String planId = http.post().uri("/api/commission-plans").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(LedgerTestSupport.plan("Browser 10%", LedgerTestSupport.percentTerms("0.10", 0))).exchange()
                .expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("planId").toString();
        http.post().uri("/api/commission-plans/{id}/versions", planId).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(LedgerTestSupport.publish(LocalDate.now())).exchange().expectStatus().isAccepted();
        http.put().uri("/api/commission-plans/assignments").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(LedgerTestSupport.assignToPartner(planId, partnerId)).exchange().expectStatus().isAccepted();
        partnerAdmin = fixtures.user(Role.PARTNER_ADMIN, partnerId);
        channelManager = fixtures.user(Role.CHANNEL_MANAGER, null);
        finance = fixtures.user(Role.FINANCE, null);
        await().atMost(WAIT).untilAsserted(() -> http.get().uri("/api/partners/{id}", partnerId).exchange()
                .expectBody().jsonPath("$.status").isEqualTo("ACTIVE"));
    }

    @AfterAll
    void closeBrowsers() {
        Browsers.quit(partnerBrowser);
        Browsers.quit(managerBrowser);
        Browsers.quit(financeBrowser);
    }

    @Test
    @Order(1)
    void partnerLogsInRegistersADealAndSeesItPending() {
        partnerBrowser = Browsers.open(1280, 1000);
        logIn(partnerBrowser, partnerAdmin);
        wait(partnerBrowser).until(ExpectedConditions.urlMatches(".*/portal$"));
        Browsers.screenshot(partnerBrowser, "1-partner-dashboard-before");

        partnerBrowser.get(url("/portal/deals"));
        // the form refuses what the API refuses, field by field, and keeps what was typed
        type(partnerBrowser, "customerName", customer);
        type(partnerBrowser, "contactEmail", "not an email");
        partnerBrowser.findElement(By.cssSelector("#register-deal button[type=submit]")).click();
        wait(partnerBrowser).until(ExpectedConditions.visibilityOfElementLocated(By.id("contactEmail-error")));
        assertThat(partnerBrowser.findElement(By.id("customerName")).getAttribute("value")).isEqualTo(customer);
        assertThat(partnerBrowser.findElement(By.id("contactEmail")).getAttribute("aria-invalid")).isEqualTo("true");
        Browsers.screenshot(partnerBrowser, "1-partner-deal-form-errors");

        type(partnerBrowser, "customerWebsite", "https://www." + customerDomain + "/");
        type(partnerBrowser, "customerCountry", "DE");
        type(partnerBrowser, "contactName", "Eva Buyer");
        type(partnerBrowser, "contactEmail", "eva@" + customerDomain);
        type(partnerBrowser, "products", "PLATFORM-PRO, SUPPORT-GOLD");
        type(partnerBrowser, "amount", "10000.00");
        type(partnerBrowser, "currency", "EUR");
        partnerBrowser.findElement(By.cssSelector("#register-deal button[type=submit]")).click();

        try {
            wait(partnerBrowser).until(ExpectedConditions.urlContains("registered="));
        } catch (RuntimeException notRegistered) {
            Browsers.screenshot(partnerBrowser, "1-partner-deal-not-registered");
            throw notRegistered;
        }
        registrationId = partnerBrowser.getCurrentUrl().replaceAll(".*registered=", "");
        WebElement row = partnerBrowser.findElement(By.cssSelector("tr.deal[data-id='" + registrationId + "']"));
        assertThat(row.getText()).contains(customer, "Pending review", "€10,000.00");
        Browsers.screenshot(partnerBrowser, "1-partner-deal-pending");

        // the partner keeps the dashboard open from here on
        partnerBrowser.get(url("/portal"));
        wait(partnerBrowser).until(ExpectedConditions.textToBePresentInElementLocated(By.id("live-status"), "Last update"));
        ((JavascriptExecutor) partnerBrowser).executeScript("window.channelbookNotReloaded = true;");
        assertThat(partnerBrowser.findElements(By.cssSelector("tr.entry[data-deal='" + registrationId + "']"))).isEmpty();
    }

    @Test
    @Order(2)
    void channelManagerApprovesTheDealAndMarksItClosedWon() {
        managerBrowser = Browsers.open(1280, 1000);
        logIn(managerBrowser, channelManager);
        managerBrowser.get(url("/console/deals"));
        WebElement queued = wait(managerBrowser).until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#queue tr.deal[data-id='" + registrationId + "']")));
        assertThat(queued.getText()).contains(customer, "Browser Partner GmbH", "Pending review");
        Browsers.screenshot(managerBrowser, "2-manager-review-queue");

        queued.findElement(By.linkText(customer)).click();
        wait(managerBrowser).until(ExpectedConditions.elementToBeClickable(By.id("approve"))).click();
        wait(managerBrowser).until(ExpectedConditions.textToBePresentInElementLocated(By.id("deal-status"), "Approved"));
        Browsers.screenshot(managerBrowser, "2-manager-approved");

        WebElement amount = managerBrowser.findElement(By.id("amount"));
        assertThat(amount.getAttribute("value")).isEqualTo("10000.00");
        managerBrowser.findElement(By.id("close-won")).click();
        wait(managerBrowser).until(ExpectedConditions.textToBePresentInElementLocated(By.id("deal-status"), "Closed won"));
        Browsers.screenshot(managerBrowser, "2-manager-closed-won");
    }

    @Test
    @Order(3)
    void partnersOpenDashboardShowsTheNewEarningsWithoutAReload() {
        By entry = By.cssSelector("tr.entry[data-deal='" + registrationId + "']");
        new WebDriverWait(partnerBrowser, LIVE, Duration.ofMillis(50))
                .withMessage("the dashboard to show the deal's commission within " + LIVE.toSeconds() + " s")
                .until(ExpectedConditions.presenceOfElementLocated(entry));
        Browsers.screenshot(partnerBrowser, "3-partner-dashboard-live");

        assertThat(((JavascriptExecutor) partnerBrowser).executeScript("return window.channelbookNotReloaded === true;"))
                .as("the page was updated in place, not reloaded").isEqualTo(true);
        WebElement eur = partnerBrowser.findElement(By.cssSelector(".card.balance[data-currency=EUR]"));
        assertThat(eur.findElement(By.className("lifetime")).getText()).isEqualTo("€1,000.00");
        assertThat(partnerBrowser.findElement(entry).getText()).contains("€1,000.00");
        assertThat(partnerBrowser.findElement(entry).findElement(By.className("why")).getText())
                .as("why this amount").isNotBlank();
    }

    @Test
    @Order(4)
    void financeDownloadsAStatementCsvThatHoldsTheEntry() throws Exception {
        financeBrowser = Browsers.open(1280, 1200);
        logIn(financeBrowser, finance);
        financeBrowser.get(url("/console/finance"));
        wait(financeBrowser).until(ExpectedConditions.elementToBeClickable(By.linkText("Browser Partner GmbH"))).click();
        wait(financeBrowser).until(ExpectedConditions.visibilityOfElementLocated(By.id("statement")));
        assertThat(financeBrowser.findElement(By.id("statement")).getText()).contains("Accrued", "€1,000.00");
        Browsers.screenshot(financeBrowser, "4-finance-ledger");

        String csvLink = financeBrowser.findElement(By.id("statement-csv")).getAttribute("href");
        Cookie session = financeBrowser.manage().getCookieNamed("CHANNELBOOK_SESSION");
        HttpResponse<String> download = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(csvLink))
                .header("Cookie", session.getName() + "=" + session.getValue()).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));
        assertThat(download.headers().firstValue("Content-Disposition")).hasValueSatisfying(disposition ->
                assertThat(disposition).startsWith("attachment").contains(".csv"));
        // the API's statement CSV: a movement row per ledger event, amounts in major units
        assertThat(download.body().lines().toList()).anySatisfy(line -> assertThat(line).contains("ACCRUED", registrationId, "1000.00"));
        Browsers.screenshot(financeBrowser, "4-finance-statement-downloaded");
    }

    private void logIn(WebDriver browser, SecurityFixtures.User user) {
        browser.get(url("/login"));
        type(browser, "username", user.email());
        type(browser, "password", user.password());
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        wait(browser).until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
    }

    private static void type(WebDriver browser, String id, String text) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    private static WebDriverWait wait(WebDriver browser) {
        return new WebDriverWait(browser, WAIT);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
