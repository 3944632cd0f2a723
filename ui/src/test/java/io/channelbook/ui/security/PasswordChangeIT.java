package io.channelbook.ui.security;

import io.channelbook.ui.StandaloneIntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.Map;

/** A user changes their own password; the old one stops working at once. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PasswordChangeIT extends StandaloneIntegrationTest {

    SecurityFixtures fixtures;
    String partner;

    @BeforeAll
    void aPartner() {
        fixtures = new SecurityFixtures(as(ADMIN_EMAIL, ADMIN_PASSWORD), anonymous, port);
        partner = fixtures.registerPartner("Passwords Ltd");
    }

    @Test
    void changedPasswordReplacesTheOldOne() {
        SecurityFixtures.User user = fixtures.user(Role.PARTNER_USER, partner);
        String newPassword = SecurityFixtures.uniquePassword();

        change(user.client(), user.password(), newPassword).expectStatus().isNoContent();

        // from another address: this failure must not count against 127.0.0.1, which the other tests share
        SecurityFixtures.withBasic(fixtures.fromAddress(SecurityFixtures.otherLoopbackAddress()), user.email(), user.password())
                .get().uri("/api/me").exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.code").isEqualTo("invalid_credentials");
        fixtures.basic(user.email(), newPassword).get().uri("/api/me").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.email").isEqualTo(user.email());
    }

    @Test
    void wrongCurrentPasswordChangesNothing() {
        SecurityFixtures.User user = fixtures.user(Role.PARTNER_ADMIN, partner);

        change(user.client(), "not the current password", SecurityFixtures.uniquePassword())
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("current_password_wrong");

        user.client().get().uri("/api/me").exchange().expectStatus().isOk();
    }

    @Test
    void weakNewPasswordsAreRefused() {
        SecurityFixtures.User user = fixtures.user(Role.PARTNER_USER, partner);
        String emailName = user.email().substring(0, user.email().indexOf('@'));

        change(user.client(), user.password(), "short").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.code").isEqualTo("validation_failed");
        change(user.client(), user.password(), user.password()).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.code").isEqualTo("password_unchanged");
        change(user.client(), user.password(), "my " + emailName.toUpperCase() + " password").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.code").isEqualTo("password_too_weak");

        user.client().get().uri("/api/me").exchange().expectStatus().isOk();
    }

    @Test
    void apiTokenCannotChangeThePassword() {
        SecurityFixtures.User user = fixtures.user(Role.PARTNER_USER, partner);
        WebTestClient script = fixtures.bearer(fixtures.apiToken(user.client(), "script").secret());

        change(script, user.password(), SecurityFixtures.uniquePassword())
                .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("password_login_required");

        user.client().get().uri("/api/me").exchange().expectStatus().isOk();
    }

    @Test
    void anonymousCannotChangeAPassword() {
        change(anonymous, ADMIN_PASSWORD, SecurityFixtures.uniquePassword()).expectStatus().isUnauthorized();
        http.get().uri("/api/me").exchange().expectStatus().isOk();
    }

    private static WebTestClient.ResponseSpec change(WebTestClient client, String current, String replacement) {
        return client.post().uri("/api/me/password").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("currentPassword", current, "newPassword", replacement))
                .exchange();
    }
}
