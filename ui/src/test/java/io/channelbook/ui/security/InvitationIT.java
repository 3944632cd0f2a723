package io.channelbook.ui.security;

import io.channelbook.ui.StandaloneIntegrationTest;
import io.channelbook.ui.security.account.UserAccount;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Invitations work once, set the invitee's own password, and refuse what they cannot honour with a clear 4xx. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InvitationIT extends StandaloneIntegrationTest {

    @Autowired
    ReactiveMongoTemplate mongo;
    @Autowired
    PasswordEncoder passwordEncoder;

    SecurityFixtures fixtures;
    String partner;

    @BeforeAll
    void aPartner() {
        fixtures = new SecurityFixtures(as(ADMIN_EMAIL, ADMIN_PASSWORD), anonymous, port);
        partner = fixtures.registerPartner("Invitations Ltd");
    }

    @Test
    void invitationAnswersItsAcceptLinkOnce() {
        String email = SecurityFixtures.uniqueEmail("Mixed.Case");

        http.post().uri("/api/invitations").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(SecurityFixtures.invitation(email, Role.PARTNER_USER, partner))
                .exchange()
                .expectStatus().isCreated()
                .expectBody()
                .jsonPath("$.email").isEqualTo(email.toLowerCase())
                .jsonPath("$.role").isEqualTo("PARTNER_USER")
                .jsonPath("$.partnerId").isEqualTo(partner)
                .jsonPath("$.token").value(token -> assertThat(token.toString()).hasSizeGreaterThanOrEqualTo(40))
                .jsonPath("$.acceptUrl").value(url -> assertThat(url.toString()).contains("/invitations/"))
                .jsonPath("$.expiresAt").isNotEmpty();
    }

    @Test
    void acceptedInvitationLetsTheUserLogInWithTheChosenPassword() {
        String email = SecurityFixtures.uniqueEmail("invitee");
        String token = fixtures.invite(email, Role.PARTNER_ADMIN, partner);
        String password = SecurityFixtures.uniquePassword();

        anonymous.post().uri("/api/invitations/{token}/accept", token).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("password", password, "displayName", "  Ina Vitee "))
                .exchange()
                .expectStatus().isCreated()
                .expectBody()
                .jsonPath("$.email").isEqualTo(email)
                .jsonPath("$.role").isEqualTo("PARTNER_ADMIN")
                .jsonPath("$.partnerId").isEqualTo(partner)
                .jsonPath("$.passwordHash").doesNotExist();

        fixtures.basic(email, password).get().uri("/api/me").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.email").isEqualTo(email)
                .jsonPath("$.displayName").isEqualTo("Ina Vitee")
                .jsonPath("$.roles").isEqualTo(List.of("PARTNER_ADMIN"))
                .jsonPath("$.partnerId").isEqualTo(partner)
                .jsonPath("$.authenticatedBy").isEqualTo("PASSWORD")
                .jsonPath("$.mustChangePassword").isEqualTo(false);
    }

    @Test
    void invitationWorksOnlyOnce() {
        String email = SecurityFixtures.uniqueEmail("once");
        String token = fixtures.invite(email, Role.PARTNER_USER, partner);
        String password = SecurityFixtures.uniquePassword();
        fixtures.accept(token, password);

        anonymous.post().uri("/api/invitations/{token}/accept", token).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("password", "a second password of an attacker"))
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("invitation_already_used");

        // the first password still holds, the second never took
        fixtures.basic(email, password).get().uri("/api/me").exchange().expectStatus().isOk();
    }

    @Test
    void concurrentAcceptsCreateOneAccount() {
        String email = SecurityFixtures.uniqueEmail("racing");
        String token = fixtures.invite(email, Role.PARTNER_USER, partner);
        List<String> passwords = IntStream.range(0, 8).mapToObj(i -> SecurityFixtures.uniquePassword()).toList();
        WebClient client = WebClient.create("http://127.0.0.1:" + port);

        List<Integer> answers = Flux.fromIterable(passwords)
                .flatMap(password -> client.post().uri("/api/invitations/{token}/accept", token)
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("password", password))
                        .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value())), passwords.size())
                .collectList()
                .block(Duration.ofSeconds(30));

        assertThat(answers).containsOnly(201, 409).containsOnlyOnce(201);
        // checked against the stored hash: seven failed logins would trip the throttle
        UserAccount account = mongo.findById(email, UserAccount.class).block();
        assertThat(passwords.stream().filter(password -> passwordEncoder.matches(password, account.passwordHash())))
                .as("passwords that log in").hasSize(1);
    }

    @Test
    void unknownInvitationIsNotFound() {
        anonymous.post().uri("/api/invitations/{token}/accept", "no-such-invitation-token").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("password", SecurityFixtures.uniquePassword()))
                .exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("invitation_not_found");
    }

    @Test
    void shortPasswordIsRefusedAndLeavesTheInvitationUsable() {
        String email = SecurityFixtures.uniqueEmail("short");
        String token = fixtures.invite(email, Role.PARTNER_USER, partner);

        for (Map<String, Object> body : List.<Map<String, Object>>of(Map.of("password", "too short"), Map.of("displayName", "No Password"))) {
            anonymous.post().uri("/api/invitations/{token}/accept", token).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(body)
                    .exchange()
                    .expectStatus().isBadRequest()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.code").isEqualTo("validation_failed")
                    .jsonPath("$.errors[0].field").isEqualTo("password");
        }

        fixtures.accept(token, SecurityFixtures.uniquePassword());
    }

    @Test
    void invitationForAnExistingAccountIsAConflict() {
        SecurityFixtures.User existing = fixtures.user(Role.PARTNER_USER, partner);

        for (String email : List.of(existing.email(), " " + existing.email().toUpperCase() + " ")) {
            http.post().uri("/api/invitations").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(SecurityFixtures.invitation(email.strip(), Role.PARTNER_ADMIN, partner))
                    .exchange()
                    .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.code").isEqualTo("account_exists");
        }
        http.post().uri("/api/invitations").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(SecurityFixtures.invitation(ADMIN_EMAIL, Role.PARTNER_USER, partner))
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectBody().jsonPath("$.code").isEqualTo("account_exists");
    }

    @Test
    void secondOfTwoOpenInvitationsForOneEmailCannotReplaceTheAccount() {
        String email = SecurityFixtures.uniqueEmail("twice");
        String asUser = fixtures.invite(email, Role.PARTNER_USER, partner);
        String asAdmin = fixtures.invite(email, Role.PARTNER_ADMIN, partner);
        String password = SecurityFixtures.uniquePassword();
        fixtures.accept(asUser, password);

        anonymous.post().uri("/api/invitations/{token}/accept", asAdmin).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("password", SecurityFixtures.uniquePassword()))
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectBody().jsonPath("$.code").isEqualTo("account_exists");

        fixtures.basic(email, password).get().uri("/api/me").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.roles").isEqualTo(List.of("PARTNER_USER"));
    }

    @Test
    void invitationNeedsAValidEmailAndRole() {
        for (Map<String, Object> body : List.<Map<String, Object>>of(
                Map.of("email", "not-an-email", "role", "PARTNER_USER", "partnerId", partner),
                Map.of("role", "PARTNER_USER", "partnerId", partner),
                Map.of("email", SecurityFixtures.uniqueEmail("roleless"), "partnerId", partner))) {
            http.post().uri("/api/invitations").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(body)
                    .exchange()
                    .expectStatus().isBadRequest()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.code").isEqualTo("validation_failed");
        }
    }
}
