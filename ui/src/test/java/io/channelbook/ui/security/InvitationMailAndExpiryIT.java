package io.channelbook.ui.security;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** With SMTP configured the invitee gets the link by mail, not through the log; invitations and tokens expire. */
@ExtendWith(OutputCaptureExtension.class)
class InvitationMailAndExpiryIT extends ConfiguredSecurityIntegrationTest {

    private static final Duration INVITATION_TTL = Duration.ofDays(7);

    @Test
    void invitationIsMailedWithItsAcceptLinkAndNotLogged(CapturedOutput output) throws Exception {
        String partnerId = fixtures.registerPartner("Mailed Ltd");
        String email = SecurityFixtures.uniqueEmail("mailed");

        String token = fixtures.invite(email, Role.PARTNER_USER, partnerId);

        MimeMessage mail = await().atMost(Duration.ofSeconds(10)).until(() -> Arrays.stream(SMTP.getReceivedMessages())
                .filter(message -> recipients(message).contains(email))
                .findFirst().orElse(null), message -> message != null);
        assertThat(mail.getSubject()).isEqualTo("You are invited to Channelbook");
        assertThat(mail.getFrom()[0].toString()).isEqualTo("channelbook@example.com");
        assertThat(mail.getContent().toString())
                .contains("https://channelbook.example.com/invitations/" + token)
                .contains("PARTNER_USER");
        assertThat(output.getAll()).contains("Invitation mailed to " + email).doesNotContain(token);

        String password = SecurityFixtures.uniquePassword();
        fixtures.accept(token, password);
        fixtures.basic(email, password).get().uri("/api/me").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.partnerId").isEqualTo(partnerId);
    }

    @Test
    void invitationExpires() {
        String partnerId = fixtures.registerPartner("Expiring Ltd");
        String inTime = fixtures.invite(SecurityFixtures.uniqueEmail("in-time"), Role.PARTNER_USER, partnerId);
        String tooLate = fixtures.invite(SecurityFixtures.uniqueEmail("too-late"), Role.PARTNER_USER, partnerId);

        clock.advance(INVITATION_TTL.minusHours(1));
        fixtures.accept(inTime, SecurityFixtures.uniquePassword());

        clock.advance(Duration.ofHours(1));
        anonymous.post().uri("/api/invitations/{token}/accept", tooLate).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("password", SecurityFixtures.uniquePassword()))
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.GONE)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("invitation_expired");
    }

    @Test
    void personalTokenExpires() {
        SecurityFixtures.User user = fixtures.user(Role.FINANCE, null);
        String secret = user.client().post().uri("/api/me/tokens").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "short-lived", "expiresInDays", 1))
                .exchange()
                .expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("token").toString();
        fixtures.bearer(secret).get().uri("/api/me").exchange().expectStatus().isOk();

        clock.advance(Duration.ofDays(1));

        fixtures.bearer(secret).get().uri("/api/me").exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.code").isEqualTo("invalid_token");
    }

    private static List<String> recipients(MimeMessage message) {
        try {
            return Arrays.stream(message.getRecipients(Message.RecipientType.TO)).map(Object::toString).toList();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
