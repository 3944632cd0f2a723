package io.channelbook.ui.browser;

import io.channelbook.ui.StandaloneIntegrationTest;
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
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's plan editor in real headless Chromium: a program admin creates a plan with two rules (a negative
 * rate is refused next to its field, with everything typed kept), publishes it and assigns it to a tier. Then the
 * other new pages, each left as a screenshot under {@code target/screenshots/}: registering a partner, the tier form,
 * the finance exports, the account pages, the 403 page, and the plan editor at phone width.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIT extends StandaloneIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    private final String planName = "Browser plan " + UUID.randomUUID().toString().substring(0, 6);
    private WebDriver admin;

    @BeforeAll
    void browser() {
        Browsers.assumeInstalled();
        admin = Browsers.open(1280, 1400);
        logIn(admin, ADMIN_EMAIL, ADMIN_PASSWORD);
    }

    @AfterAll
    void closeBrowser() {
        Browsers.quit(admin);
    }

    @Test
    @Order(1)
    void programAdminCreatesAPlanWithTwoRulesAndSeesANegativeRateRefused() {
        admin.get(url("/console/plans"));
        wait(admin).until(ExpectedConditions.elementToBeClickable(By.id("new-plan"))).click();
        wait(admin).until(ExpectedConditions.visibilityOfElementLocated(By.id("plan-form")));
        Browsers.screenshot(admin, "5-admin-new-plan");

        type(admin, "name", planName);
        new Select(admin.findElement(By.id("rules[0].kind"))).selectByValue("PERCENT_OF_DEAL");
        type(admin, "rules[0].rate", "-0.05");
        type(admin, "rules[0].description", "Share of every won deal");
        new Select(admin.findElement(By.id("rules[1].kind"))).selectByValue("FLAT_PER_DEAL");
        assertThat(admin.findElement(By.id("rules[1].rate")).isDisplayed()).as("a flat rule has no rate field").isFalse();
        type(admin, "rules[1].bounty", "250 EUR");
        type(admin, "holdDays", "0");
        admin.findElement(By.id("save-plan")).click();

        WebElement rateError = wait(admin).until(ExpectedConditions.visibilityOfElementLocated(By.id("rules[0].rate-error")));
        assertThat(rateError.getText()).contains("-0.05", "between 0 and 1");
        assertThat(admin.findElement(By.id("rules[0].rate")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(admin.findElement(By.id("name")).getAttribute("value")).isEqualTo(planName);
        assertThat(admin.findElement(By.id("rules[1].bounty")).getAttribute("value")).isEqualTo("250 EUR");
        assertThat(admin.findElement(By.cssSelector(".notice.error")).getText()).contains("rule r1 rate");
        Browsers.screenshot(admin, "5-admin-plan-negative-rate-refused");

        type(admin, "rules[0].rate", "0.05");
        admin.findElement(By.id("save-plan")).click();
        try {
            wait(admin).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice.ok"), "Plan created"));
        } catch (RuntimeException notCreated) {
            Browsers.screenshot(admin, "5-admin-plan-not-created");
            throw notCreated;
        }
        assertThat(admin.findElement(By.tagName("h1")).getText()).isEqualTo(planName);
        assertThat(admin.findElement(By.cssSelector("ul.rules")).getText()).contains("Percent of deal", "5%", "Flat per deal", "€250.00");
        Browsers.screenshot(admin, "5-admin-plan-created");
    }

    @Test
    @Order(2)
    void programAdminPublishesThePlanAndAssignsItToATier() {
        assertThat(admin.findElement(By.id("effectiveFrom")).getAttribute("value")).as("today by default").isNotBlank();
        admin.findElement(By.id("publish")).click();
        wait(admin).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice.ok"), "Version 1 published"));
        assertThat(admin.findElements(By.cssSelector("article.version[data-version='1']"))).hasSize(1);

        type(admin, "tier", "gold");
        admin.findElement(By.id("assign")).click();
        wait(admin).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice.ok"), "Assigned to tier GOLD"));
        assertThat(admin.findElement(By.id("assigned")).getText()).contains("Tier GOLD");
        Browsers.screenshot(admin, "5-admin-plan-published-and-assigned");

        // the next version's draft starts from the published terms; a second version on the same date is refused
        admin.findElement(By.id("edit-draft")).click();
        wait(admin).until(ExpectedConditions.visibilityOfElementLocated(By.id("plan-form")));
        assertThat(admin.findElement(By.id("rules[0].rate")).getAttribute("value")).isEqualTo("0.05");
        admin.findElement(By.id("save-plan")).click();
        wait(admin).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice.ok"), "Draft saved"));
        admin.findElement(By.id("publish")).click();
        WebElement refused = wait(admin).until(ExpectedConditions.visibilityOfElementLocated(By.id("publish-error")));
        assertThat(refused.getText()).contains("must start after version 1");
        Browsers.screenshot(admin, "5-admin-plan-overlapping-version-refused");
    }

    @Test
    @Order(3)
    void theOtherNewPagesLookRight() {
        SecurityFixtures fixtures = new SecurityFixtures(http, anonymous, port);
        admin.get(url("/console/partners/new"));
        type(admin, "legalName", "Screenshot Partner " + UUID.randomUUID().toString().substring(0, 4));
        type(admin, "country", "de");
        type(admin, "websiteDomain", "screenshot-" + UUID.randomUUID().toString().substring(0, 6) + ".de");
        type(admin, "contactName", "Sam Shot");
        type(admin, "contactEmail", "not an email");
        admin.findElement(By.id("register")).click();
        wait(admin).until(ExpectedConditions.visibilityOfElementLocated(By.id("contactEmail-error")));
        Browsers.screenshot(admin, "6-console-register-partner-refused");
        type(admin, "contactEmail", "sam@example.com");
        admin.findElement(By.id("register")).click();
        wait(admin).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice.ok"), "Registered"));
        type(admin, "tier", "GOLD");
        admin.findElement(By.id("change-tier")).click();
        wait(admin).until(ExpectedConditions.textToBePresentInElementLocated(By.id("partner-tier"), "GOLD"));
        Browsers.screenshot(admin, "6-console-partner-tier");

        admin.get(url("/console/finance"));
        wait(admin).until(ExpectedConditions.visibilityOfElementLocated(By.id("export-form")));
        Browsers.screenshot(admin, "6-console-finance-exports");
        admin.get(url("/account/password"));
        Browsers.screenshot(admin, "6-account-password");

        String partnerId = fixtures.registerPartner("Outsider Screens");
        SecurityFixtures.User partnerUser = fixtures.user(Role.PARTNER_USER, partnerId);
        String token = fixtures.invite(SecurityFixtures.uniqueEmail("invitee"), Role.PARTNER_USER, partnerId);
        WebDriver phone = Browsers.open(390, 900);
        try {
            phone.get(url("/invitations/" + token));
            wait(phone).until(ExpectedConditions.visibilityOfElementLocated(By.id("invitation-form")));
            Browsers.screenshot(phone, "6-phone-accept-invitation");
            logIn(phone, partnerUser.email(), partnerUser.password());
            phone.get(url("/console/plans"));
            assertThat(phone.findElement(By.tagName("h1")).getText()).isEqualTo("Not for your role");
            Browsers.screenshot(phone, "6-phone-partner-403");
        } finally {
            Browsers.quit(phone);
        }

        WebDriver adminPhone = Browsers.open(390, 1600);
        try {
            logIn(adminPhone, ADMIN_EMAIL, ADMIN_PASSWORD);
            adminPhone.get(url("/console/plans/new"));
            new Select(adminPhone.findElement(By.id("rules[0].kind"))).selectByValue("TIERED_MARGINAL");
            Browsers.screenshot(adminPhone, "6-phone-plan-editor");
        } finally {
            Browsers.quit(adminPhone);
        }
    }

    private void logIn(WebDriver browser, String email, String password) {
        browser.get(url("/login"));
        type(browser, "username", email);
        type(browser, "password", password);
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
