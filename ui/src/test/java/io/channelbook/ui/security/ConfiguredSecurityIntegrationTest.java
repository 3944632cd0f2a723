package io.channelbook.ui.security;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.BeforeEach;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;

/**
 * The standalone runtime set up as a production site would set it up, in a context of its own (the shared one keeps
 * the defaults): bearer JWTs from an identity provider (here a key pair made by the test, so no IdP is needed), SMTP
 * (an in-process GreenMail server), tight login throttling, and no admin password, so the first admin gets a
 * generated one-time password. Its clock can be moved forward, to let invitations and tokens expire.
 * <p>
 * Test classes extending this share one running application, as those extending {@code StandaloneIntegrationTest} do.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(ConfiguredSecurityIntegrationTest.ProductionLikeSecurity.class)
abstract class ConfiguredSecurityIntegrationTest {

    static final String FIRST_ADMIN_EMAIL = "first-admin@channelbook.test";
    static final int ACCOUNT_FAILURES = 3;
    static final int ADDRESS_FAILURES = 6;
    static final String ISSUER = "https://idp.channelbook.test";

    /** The identity provider's signing keys. */
    static final KeyPair ISSUER_KEYS = rsaKeyPair();
    static final GreenMail SMTP = startSmtp();
    private static final Path DATA_DIR = createDataDir();

    @DynamicPropertySource
    static void productionLikeSettings(DynamicPropertyRegistry registry) {
        registry.add("channelbook.data-dir", DATA_DIR::toString);
        registry.add("channelbook.security.admin-email", () -> FIRST_ADMIN_EMAIL);
        registry.add("channelbook.security.admin-password", () -> "");
        registry.add("channelbook.security.throttle.account-failures", () -> ACCOUNT_FAILURES);
        registry.add("channelbook.security.throttle.address-failures", () -> ADDRESS_FAILURES);
        registry.add("channelbook.security.public-url", () -> "https://channelbook.example.com/");
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
        registry.add("channelbook.mail.from", () -> "channelbook@example.com");
    }

    @TestConfiguration
    static class ProductionLikeSecurity {

        @Bean
        ReactiveJwtDecoder jwtDecoder() {
            return NimbusReactiveJwtDecoder.withPublicKey((RSAPublicKey) ISSUER_KEYS.getPublic()).build();
        }

        @Bean
        @Primary
        MovableClock movableClock() {
            return new MovableClock();
        }

        /**
         * The generated admin password is written to the log once, when the application starts. A test cannot know
         * which test class starts this shared context, so a log appender attached before the start keeps the lines.
         */
        @Bean
        ListAppender<ILoggingEvent> adminBootstrapLog() {
            ListAppender<ILoggingEvent> appender = new ListAppender<>();
            appender.start();
            ((Logger) LoggerFactory.getLogger("io.channelbook.ui.security.account.AdminBootstrap")).addAppender(appender);
            return appender;
        }

        @Bean(destroyMethod = "stop")
        GreenMail smtpServer() {
            return SMTP;
        }
    }

    @LocalServerPort
    protected int port;
    @Autowired
    protected WebTestClient anonymous;
    @Autowired
    protected MovableClock clock;

    /** A program admin logged in with a JWT. */
    protected WebTestClient admin;
    protected SecurityFixtures fixtures;

    @BeforeEach
    void logInAsAdmin() {
        admin = withBearer(jwt(claims("idp-admin", "it-admin@idp.example", "PROGRAM_ADMIN").build()));
        fixtures = new SecurityFixtures(admin, anonymous, port);
    }

    protected WebTestClient withBearer(String token) {
        return anonymous.mutate().defaultHeaders(headers -> headers.setBearerAuth(token)).build();
    }

    /** Claims as an identity provider issues them: valid for the next hour. */
    static JWTClaimsSet.Builder claims(String subject, String email, String... roles) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(subject)
                .claim("email", email)
                .claim("roles", List.of(roles))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofHours(1))));
    }

    /** Signed by the identity provider. */
    static String jwt(JWTClaimsSet claims) {
        return sign(claims, ISSUER_KEYS.getPrivate());
    }

    static String sign(JWTClaimsSet claims, PrivateKey key) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static GreenMail startSmtp() {
        GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        return smtp;
    }

    private static Path createDataDir() {
        try {
            return Files.createTempDirectory("channelbook-security-it");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Real time plus an offset that tests move forward. */
    static final class MovableClock extends Clock {

        private volatile Duration offset = Duration.ZERO;

        void advance(Duration by) {
            offset = offset.plus(by);
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("the application works in UTC");
        }
    }
}
