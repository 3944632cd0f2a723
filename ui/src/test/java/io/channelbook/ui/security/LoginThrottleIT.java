package io.channelbook.ui.security;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Failed logins are throttled per account (3 here) and per client address (6 here) with a clear 429. Each test logs
 * in from loopback addresses of its own, so the address counts of one test never reach another.
 */
class LoginThrottleIT extends ConfiguredSecurityIntegrationTest {

    @Test
    void accountIsThrottledAfterItsFailuresEvenWithTheRightPassword() {
        SecurityFixtures.User user = fixtures.user(Role.PARTNER_ADMIN, fixtures.registerPartner("Throttled Ltd"));
        String usersToken = fixtures.apiToken(user.client(), "user's script").secret();
        WebTestClient attacker = fixtures.fromAddress(SecurityFixtures.otherLoopbackAddress());

        for (int attempt = 1; attempt <= ACCOUNT_FAILURES; attempt++) {
            login(attacker, user.email(), "guess number " + attempt)
                    .expectStatus().isUnauthorized()
                    .expectBody().jsonPath("$.code").isEqualTo("invalid_credentials");
        }

        assertThrottled(login(attacker, user.email(), user.password()));
        // the account is throttled from every address, the user's own included
        assertThrottled(login(fixtures.fromAddress(SecurityFixtures.otherLoopbackAddress()), user.email(), user.password()));
        // whatever the spelling of the email
        assertThrottled(login(attacker, " " + user.email().toUpperCase() + " ", user.password()));
        // a personal token is no password login and still works
        fixtures.bearer(usersToken).get().uri("/api/me").exchange().expectStatus().isOk();
    }

    @Test
    void addressIsThrottledAcrossAccounts() {
        List<SecurityFixtures.User> users = IntStream.range(0, 4).mapToObj(i -> fixtures.user(Role.FINANCE, null)).toList();
        WebTestClient attacker = fixtures.fromAddress(SecurityFixtures.otherLoopbackAddress());

        // two failures each on three accounts: below every account's limit, at the address's limit
        for (int account = 0; account < ADDRESS_FAILURES / 2; account++) {
            for (int attempt = 0; attempt < 2; attempt++) {
                login(attacker, users.get(account).email(), "spray " + attempt).expectStatus().isUnauthorized();
            }
        }

        SecurityFixtures.User untouched = users.get(3);
        assertThrottled(login(attacker, untouched.email(), untouched.password()));
        assertThrottled(login(attacker, SecurityFixtures.uniqueEmail("unknown"), "anything at all"));
        // from another address, that account and those attacked below their limit log in
        WebTestClient elsewhere = fixtures.fromAddress(SecurityFixtures.otherLoopbackAddress());
        login(elsewhere, untouched.email(), untouched.password()).expectStatus().isOk();
        login(elsewhere, users.get(0).email(), users.get(0).password()).expectStatus().isOk();
    }

    @Test
    void unknownAccountsAreThrottledLikeKnownOnes() {
        String nobody = SecurityFixtures.uniqueEmail("nobody");
        WebTestClient attacker = fixtures.fromAddress(SecurityFixtures.otherLoopbackAddress());

        for (int attempt = 1; attempt <= ACCOUNT_FAILURES; attempt++) {
            login(attacker, nobody, "guess " + attempt).expectStatus().isUnauthorized();
        }

        assertThrottled(login(fixtures.fromAddress(SecurityFixtures.otherLoopbackAddress()), nobody, "guess 4"));
    }

    @Test
    void successfulLoginsCostNothing() {
        SecurityFixtures.User user = fixtures.user(Role.ANALYST, null);
        WebTestClient client = fixtures.fromAddress(SecurityFixtures.otherLoopbackAddress());

        for (int attempt = 1; attempt < ACCOUNT_FAILURES; attempt++) {
            login(client, user.email(), "typo " + attempt).expectStatus().isUnauthorized();
        }
        for (int success = 0; success < 2 * ADDRESS_FAILURES; success++) {
            login(client, user.email(), user.password()).expectStatus().isOk();
        }

        // the last failure the account has left ...
        login(client, user.email(), "one typo too many").expectStatus().isUnauthorized();
        // ... and then it waits
        assertThrottled(login(client, user.email(), user.password()));
    }

    @Test
    void concurrentGuessesCannotOutrunTheLimit() {
        SecurityFixtures.User user = fixtures.user(Role.ANALYST, null);
        int guesses = 4 * ADDRESS_FAILURES;

        // all at once, each from an address of its own, all aimed at one account
        List<Integer> answers = Flux.range(0, guesses)
                .flatMap(guess -> WebClient.builder()
                        .clientConnector(new ReactorClientHttpConnector(HttpClient.create().bindAddress(
                                () -> new InetSocketAddress(SecurityFixtures.otherLoopbackAddress(), 0))))
                        .baseUrl("http://127.0.0.1:" + port)
                        .build()
                        .get().uri("/api/me")
                        .headers(headers -> headers.setBasicAuth(user.email(), "parallel guess " + guess))
                        .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value())), guesses)
                .collectList()
                .block(Duration.ofSeconds(60));

        assertThat(answers).hasSize(guesses).containsOnly(401, 429);
        assertThat(answers.stream().filter(status -> status == 401).count())
                .as("guesses that had their password checked").isEqualTo(ACCOUNT_FAILURES);
    }

    private static WebTestClient.ResponseSpec login(WebTestClient client, String email, String password) {
        return client.get().uri("/api/me").headers(headers -> headers.setBasicAuth(email, password)).exchange();
    }

    private static void assertThrottled(WebTestClient.ResponseSpec response) {
        response.expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().value(HttpHeaders.RETRY_AFTER, retryAfter ->
                        assertThat(Long.parseLong(retryAfter)).isBetween(1L, Duration.ofMinutes(15).toSeconds()))
                .expectBody().jsonPath("$.code").isEqualTo("too_many_login_attempts");
    }
}
