package io.channelbook.ui.security;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without CHANNELBOOK_ADMIN_PASSWORD the first start creates the admin with a generated password, logged once, that
 * opens nothing but "who am I" and the password change until the admin sets a password of their own.
 */
class OneTimeAdminPasswordIT extends ConfiguredSecurityIntegrationTest {

    private static final Pattern ONE_TIME_PASSWORD = Pattern.compile("One-time password: (\\S+)");

    @Autowired
    ListAppender<ILoggingEvent> adminBootstrapLog;

    @Test
    void generatedAdminPasswordOpensNothingButThePasswordChange() {
        List<String> lines = adminBootstrapLog.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        List<String> announcements = lines.stream().filter(line -> line.contains("One-time password")).toList();
        assertThat(announcements).as("log lines announcing the one-time password").hasSize(1);
        Matcher matcher = ONE_TIME_PASSWORD.matcher(announcements.get(0));
        assertThat(matcher.find()).isTrue();
        String oneTimePassword = matcher.group(1);
        assertThat(announcements.get(0)).contains(FIRST_ADMIN_EMAIL);
        assertThat(oneTimePassword).hasSizeGreaterThanOrEqualTo(20);

        WebTestClient firstAdmin = fixtures.basic(FIRST_ADMIN_EMAIL, oneTimePassword);
        firstAdmin.get().uri("/api/me").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.roles").isEqualTo(List.of("PROGRAM_ADMIN"))
                .jsonPath("$.mustChangePassword").isEqualTo(true);
        firstAdmin.get().uri("/api/partners").exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("password_change_required");
        firstAdmin.post().uri("/api/invitations").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(SecurityFixtures.invitation(SecurityFixtures.uniqueEmail("early"), Role.FINANCE, null))
                .exchange()
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.code").isEqualTo("password_change_required");
        // nor can a token made now get around it
        firstAdmin.post().uri("/api/me/tokens").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "bypass", "expiresInDays", 1))
                .exchange()
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.code").isEqualTo("password_change_required");

        String ownPassword = SecurityFixtures.uniquePassword();
        firstAdmin.post().uri("/api/me/password").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("currentPassword", oneTimePassword, "newPassword", ownPassword))
                .exchange()
                .expectStatus().isNoContent();

        WebTestClient admin = fixtures.basic(FIRST_ADMIN_EMAIL, ownPassword);
        admin.get().uri("/api/partners").exchange().expectStatus().isOk();
        admin.get().uri("/api/me").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.mustChangePassword").isEqualTo(false);
        // from another address: this context allows few failed logins per address
        SecurityFixtures.withBasic(fixtures.fromAddress(SecurityFixtures.otherLoopbackAddress()), FIRST_ADMIN_EMAIL, oneTimePassword)
                .get().uri("/api/me").exchange()
                .expectStatus().isUnauthorized();
    }
}
