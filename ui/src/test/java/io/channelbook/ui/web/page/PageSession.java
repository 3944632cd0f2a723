package io.channelbook.ui.web.page;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** A browser's session on the pages, without a browser: the login form, the session cookie, CSRF tokens from forms. */
final class PageSession {

    static final String COOKIE = "CHANNELBOOK_SESSION";
    private static final Pattern CSRF = Pattern.compile("<input[^>]*name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    private final WebTestClient client;
    private final String session;

    private PageSession(WebTestClient client, String session) {
        this.client = client;
        this.session = session;
    }

    /** Logs in through the login form, as a browser does. */
    static PageSession logIn(WebTestClient anonymous, String email, String password) {
        EntityExchangeResult<String> page = anonymous.get().uri("/login").exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult();
        String anonymousSession = page.getResponseCookies().getFirst(COOKIE).getValue();
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("username", email);
        form.add("password", password);
        form.add("_csrf", csrfOf(page.getResponseBody()));
        ResponseCookie session = anonymous.post().uri("/login").cookie(COOKIE, anonymousSession)
                .body(BodyInserters.fromFormData(form)).exchange()
                .expectStatus().isFound()
                .expectHeader().valueEquals(HttpHeaders.LOCATION, "/")
                .returnResult(Void.class).getResponseCookies().getFirst(COOKIE);
        assertThat(session).as("a session after the login").isNotNull();
        return new PageSession(anonymous, session.getValue());
    }

    WebTestClient.ResponseSpec get(String path) {
        return client.get().uri(path).cookie(COOKIE, session).header(HttpHeaders.ACCEPT, "text/html,*/*;q=0.8").exchange();
    }

    String html(String path) {
        return get(path).expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
    }

    /** Submits a form the way the page at {@code formPage} would: with that page's CSRF token. */
    WebTestClient.ResponseSpec post(String formPage, String action, Map<String, String> fields) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        fields.forEach(form::add);
        form.add("_csrf", csrfOf(html(formPage)));
        return client.post().uri(action).cookie(COOKIE, session).header(HttpHeaders.ACCEPT, "text/html")
                .body(BodyInserters.fromFormData(form)).exchange();
    }

    private static String csrfOf(String html) {
        Matcher field = CSRF.matcher(html);
        assertThat(field.find()).as("a CSRF field in the page").isTrue();
        return field.group(1);
    }
}
