package io.channelbook.ui.security;

import io.channelbook.ui.StandaloneIntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Logins by HTTP Basic and by personal API token. Bad credentials, malformed headers and tampered tokens are a 401
 * problem, never a 500. Failing password logins come from their own loopback address, so that they do not use up the
 * failed-login allowance of 127.0.0.1 that every other test shares.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthenticationIT extends StandaloneIntegrationTest {

    SecurityFixtures fixtures;
    SecurityFixtures.User manager;

    @BeforeAll
    void aUser() {
        fixtures = new SecurityFixtures(as(ADMIN_EMAIL, ADMIN_PASSWORD), anonymous, port);
        manager = fixtures.user(Role.CHANNEL_MANAGER, null);
    }

    @Test
    void wrongPasswordIsUnauthorized() {
        WebTestClient guesser = SecurityFixtures.withBasic(elsewhere(), manager.email(), manager.password() + "x");

        guesser.get().uri("/api/me").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueMatches(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=.*")
                .expectBody()
                .jsonPath("$.code").isEqualTo("invalid_credentials")
                .jsonPath("$.status").isEqualTo(401)
                .jsonPath("$.requestId").isNotEmpty();
    }

    @Test
    void unknownUserGetsTheSameAnswerAsAWrongPassword() {
        Map<?, ?> unknown = SecurityFixtures.withBasic(elsewhere(), SecurityFixtures.uniqueEmail("nobody"), "whatever password")
                .get().uri("/api/me").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(Map.class).returnResult().getResponseBody();
        Map<?, ?> wrong = SecurityFixtures.withBasic(elsewhere(), manager.email(), "whatever password")
                .get().uri("/api/me").exchange()
                .expectStatus().isUnauthorized()
                .expectBody(Map.class).returnResult().getResponseBody();

        assertThat(unknown.get("code")).isEqualTo("invalid_credentials").isEqualTo(wrong.get("code"));
        assertThat(unknown.get("detail")).isEqualTo(wrong.get("detail"));
    }

    @Test
    void emailIsMatchedWhateverItsCase() {
        fixtures.basic(manager.email().toUpperCase(), manager.password()).get().uri("/api/me").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.email").isEqualTo(manager.email());
    }

    @Test
    void malformedAuthorizationHeadersAreUnauthorized() {
        List<String> headers = List.of(
                "Basic",
                "Basic ",
                "Basic %%%not-base64%%%",
                "Basic " + base64("no-colon-at-all"),
                "Basic " + base64(":password-without-user"),
                "Basic " + base64(manager.email() + ":"),
                "Basic " + base64(manager.email()) + " trailing",
                "Digest username=\"" + manager.email() + "\"",
                "Bearer",
                "Bearer ",
                "Bearer has spaces in it",
                "Bearer " + "x".repeat(4_000));
        for (String header : headers) {
            elsewhere().get().uri("/api/me").header(HttpHeaders.AUTHORIZATION, header).exchange()
                    .expectStatus().value(status -> assertThat(status).as("answer to Authorization: %s",
                            header.length() > 60 ? header.substring(0, 60) + "..." : header).isEqualTo(401))
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
    }

    @Test
    void missingCredentialsAreUnauthenticated() {
        anonymous.get().uri("/api/me").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("unauthenticated");
    }

    @Test
    void personalTokenAuthenticatesItsOwnerUntilRevoked() {
        Map<?, ?> issued = manager.client().post().uri("/api/me/tokens").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "  CI pipeline ", "expiresInDays", 30))
                .exchange()
                .expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();
        String secret = issued.get("token").toString();
        String tokenId = issued.get("tokenId").toString();
        assertThat(secret).startsWith("cbk_").hasSizeGreaterThan(40);
        assertThat(issued.get("name")).isEqualTo("CI pipeline");
        assertThat(Duration.between(Instant.parse(issued.get("createdAt").toString()), Instant.parse(issued.get("expiresAt").toString())))
                .isEqualTo(Duration.ofDays(30));

        WebTestClient script = fixtures.bearer(secret);
        script.get().uri("/api/me").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.email").isEqualTo(manager.email())
                .jsonPath("$.roles").isEqualTo(List.of("CHANNEL_MANAGER"))
                .jsonPath("$.authenticatedBy").isEqualTo("API_TOKEN");
        script.get().uri("/api/partners").exchange().expectStatus().isOk();
        String listed = manager.client().get().uri("/api/me/tokens").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(listed).contains(tokenId, "CI pipeline").doesNotContain(secret, secret.substring(4));

        manager.client().delete().uri("/api/me/tokens/{id}", tokenId).exchange().expectStatus().isNoContent();

        script.get().uri("/api/me").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")
                .expectBody().jsonPath("$.code").isEqualTo("invalid_token");
        manager.client().delete().uri("/api/me/tokens/{id}", tokenId).exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.code").isEqualTo("token_not_found");
    }

    @Test
    void tamperedTokensAreUnauthorized() {
        String secret = fixtures.apiToken(manager.client(), "to be tampered with").secret();
        char last = secret.charAt(secret.length() - 1);
        List<String> tampered = List.of(
                secret.substring(0, secret.length() - 1) + (last == 'A' ? 'B' : 'A'),
                secret.substring(0, 10) + (secret.charAt(10) == 'A' ? 'B' : 'A') + secret.substring(11),
                secret.substring(0, secret.length() - 1),
                secret + "A",
                "cbk_",
                secret.toUpperCase().equals(secret) ? secret.toLowerCase() : secret.toUpperCase());

        for (String token : tampered) {
            fixtures.bearer(token).get().uri("/api/me").exchange()
                    .expectStatus().isUnauthorized()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.code").isEqualTo("invalid_token");
        }
        fixtures.bearer(secret).get().uri("/api/me").exchange().expectStatus().isOk();
    }

    @Test
    void foreignBearerTokensAreUnauthorizedWithoutAJwtIssuer() {
        String unsignedJwt = base64Url("{\"alg\":\"none\"}") + "." + base64Url("{\"sub\":\"x\",\"roles\":[\"PROGRAM_ADMIN\"]}") + ".";
        for (String token : List.of("a-random-opaque-token", "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln", unsignedJwt)) {
            fixtures.bearer(token).get().uri("/api/partners").exchange()
                    .expectStatus().isUnauthorized()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.code").isEqualTo("invalid_token");
        }
    }

    @Test
    void tokenRequestsAreValidated() {
        for (Map<String, Object> body : List.<Map<String, Object>>of(
                Map.of("name", "zero days", "expiresInDays", 0),
                Map.of("name", "too long", "expiresInDays", 366),
                Map.of("name", " ", "expiresInDays", 30),
                Map.of("name", "n".repeat(101), "expiresInDays", 30))) {
            manager.client().post().uri("/api/me/tokens").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(body)
                    .exchange()
                    .expectStatus().isBadRequest()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.code").isEqualTo("validation_failed");
        }
    }

    @Test
    void sessionlessApiSetsNoCookie() {
        manager.client().get().uri("/api/me").exchange()
                .expectStatus().isOk()
                .expectHeader().doesNotExist(HttpHeaders.SET_COOKIE);
    }

    private WebTestClient elsewhere() {
        return fixtures.fromAddress(SecurityFixtures.otherLoopbackAddress());
    }

    private static String base64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    private static String base64Url(String value) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }
}
