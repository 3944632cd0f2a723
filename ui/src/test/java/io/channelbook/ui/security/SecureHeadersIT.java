package io.channelbook.ui.security;

import io.channelbook.ui.StandaloneIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Secure headers on the API and the pages; the page login's session cookie and CSRF protection. */
class SecureHeadersIT extends StandaloneIntegrationTest {

    private static final String SESSION_COOKIE = "CHANNELBOOK_SESSION";
    private static final Pattern CSRF_FIELD = Pattern.compile("<input[^>]*name=\"_csrf\"[^>]*>");
    private static final Pattern VALUE = Pattern.compile("value=\"([^\"]+)\"");

    @Test
    void apiAnswersCarrySecureHeaders() {
        for (WebTestClient client : new WebTestClient[]{http, anonymous}) {
            client.get().uri("/api/me").exchange()
                    .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                    .expectHeader().valueEquals("X-Frame-Options", "DENY")
                    .expectHeader().valueEquals("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
                    .expectHeader().valueMatches(HttpHeaders.CACHE_CONTROL, ".*no-store.*");
        }
    }

    @Test
    void loginPageCarriesThePagePolicy() {
        anonymous.get().uri("/login").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectHeader().valueEquals("Content-Security-Policy", SecurityConfiguration.CONTENT_SECURITY_POLICY)
                .expectHeader().valueEquals("X-Frame-Options", "DENY")
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader().valueEquals("Referrer-Policy", "same-origin");
        assertThat(SecurityConfiguration.CONTENT_SECURITY_POLICY)
                .contains("default-src 'self'", "object-src 'none'", "frame-ancestors 'none'")
                .doesNotContain("'unsafe-eval'", "script-src 'self' 'unsafe-inline'");
    }

    @Test
    void formLoginWithoutCsrfTokenIsRefused() {
        LoginPage page = loginPage();

        anonymous.post().uri("/login")
                .cookie(SESSION_COOKIE, page.session())
                .body(BodyInserters.fromFormData(credentials(ADMIN_EMAIL, ADMIN_PASSWORD)))
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().doesNotExist(HttpHeaders.SET_COOKIE);
        anonymous.post().uri("/login")
                .body(BodyInserters.fromFormData(credentials(ADMIN_EMAIL, ADMIN_PASSWORD)))
                .exchange()
                .expectStatus().isForbidden();
    }

    @Test
    void formLoginGivesAFreshHttpOnlySameSiteSessionCookie() {
        LoginPage page = loginPage();
        MultiValueMap<String, String> form = credentials(ADMIN_EMAIL, ADMIN_PASSWORD);
        form.add("_csrf", page.csrf());

        EntityExchangeResult<Void> login = anonymous.post().uri("/login")
                .cookie(SESSION_COOKIE, page.session())
                .body(BodyInserters.fromFormData(form))
                .exchange()
                .expectStatus().isFound()
                .expectHeader().valueEquals(HttpHeaders.LOCATION, "/")
                .expectBody().isEmpty();

        ResponseCookie session = login.getResponseCookies().getFirst(SESSION_COOKIE);
        assertThat(session).as("session cookie after login").isNotNull();
        assertThat(session.isHttpOnly()).as("HttpOnly").isTrue();
        assertThat(session.getSameSite()).as("SameSite").isEqualToIgnoringCase("Lax");
        assertThat(session.getPath()).isEqualTo("/");
        assertThat(session.getValue()).as("a new session id after login (no session fixation)").isNotEqualTo(page.session());

        // the session opens the pages ...
        anonymous.get().uri("/no-such-page").cookie(SESSION_COOKIE, session.getValue()).exchange()
                .expectStatus().isNotFound();
        anonymous.get().uri("/no-such-page").exchange()
                .expectStatus().isFound()
                .expectHeader().valueMatches(HttpHeaders.LOCATION, ".*/login");
        // ... but never the API, which has no CSRF protection because it takes no cookies
        anonymous.get().uri("/api/me").cookie(SESSION_COOKIE, session.getValue()).exchange()
                .expectStatus().isUnauthorized();
    }

    @Test
    void wrongPasswordOnTheLoginFormGivesNoSession() {
        LoginPage page = loginPage();
        SecurityFixtures fixtures = new SecurityFixtures(http, anonymous, port);
        // not the shared admin, and from another address: failed logins must not count against what other tests share
        MultiValueMap<String, String> form = credentials(fixtures.user(Role.ANALYST, null).email(), "not the password");
        form.add("_csrf", page.csrf());

        fixtures.fromAddress(SecurityFixtures.otherLoopbackAddress()).post().uri("/login")
                .cookie(SESSION_COOKIE, page.session())
                .body(BodyInserters.fromFormData(form))
                .exchange()
                .expectStatus().isFound()
                .expectHeader().valueMatches(HttpHeaders.LOCATION, "/login\\?error")
                .expectHeader().doesNotExist(HttpHeaders.SET_COOKIE);

        anonymous.get().uri("/no-such-page").cookie(SESSION_COOKIE, page.session()).exchange()
                .expectStatus().isFound();
    }

    private LoginPage loginPage() {
        EntityExchangeResult<String> page = anonymous.get().uri("/login").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult();
        Matcher field = CSRF_FIELD.matcher(page.getResponseBody());
        assertThat(field.find()).as("a _csrf field on the login page").isTrue();
        Matcher value = VALUE.matcher(field.group());
        assertThat(value.find()).as("the _csrf field's value").isTrue();
        ResponseCookie session = page.getResponseCookies().getFirst(SESSION_COOKIE);
        assertThat(session).as("the session holding the CSRF token").isNotNull();
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualToIgnoringCase("Lax");
        return new LoginPage(session.getValue(), value.group(1));
    }

    private static MultiValueMap<String, String> credentials(String email, String password) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("username", email);
        form.add("password", password);
        return form;
    }

    private record LoginPage(String session, String csrf) {
    }
}
