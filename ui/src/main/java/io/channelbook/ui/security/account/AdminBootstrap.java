package io.channelbook.ui.security.account;

import io.channelbook.ui.config.ChannelbookProperties;
import io.channelbook.ui.security.Role;
import io.channelbook.ui.security.Secrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.UUID;

/**
 * On a start with no program admin, creates the first one: from {@code CHANNELBOOK_ADMIN_EMAIL} /
 * {@code CHANNELBOOK_ADMIN_PASSWORD}, or, without a password, with a generated one-time password that is logged this
 * once and must be replaced at the first login.
 */
@Component
class AdminBootstrap implements ApplicationRunner {

    static final String DEFAULT_ADMIN_EMAIL = "admin@channelbook.local";
    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final UserAccountStore accounts;
    private final PasswordEncoder passwordEncoder;
    private final ChannelbookProperties.Security settings;
    private final Clock clock;

    AdminBootstrap(UserAccountStore accounts, PasswordEncoder passwordEncoder, ChannelbookProperties properties, Clock clock) {
        this.accounts = accounts;
        this.passwordEncoder = passwordEncoder;
        this.settings = properties.security();
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (Boolean.TRUE.equals(accounts.anyProgramAdmin().block())) {
            return;
        }
        String email = UserAccountStore.normalizeEmail(isBlank(settings.adminEmail()) ? DEFAULT_ADMIN_EMAIL : settings.adminEmail());
        boolean generated = isBlank(settings.adminPassword());
        String password = generated ? Secrets.random().substring(0, 20) : settings.adminPassword();
        UserAccount admin = new UserAccount(email, UUID.randomUUID().toString(), "Program admin",
                passwordEncoder.encode(password), Role.PROGRAM_ADMIN, null, true, generated, clock.instant(), clock.instant());
        if (accounts.create(admin).block() == null) {
            log.warn("No program admin exists, and {} is taken by another account; set CHANNELBOOK_ADMIN_EMAIL", email);
            return;
        }
        if (generated) {
            // the only place a password is ever written out: a generated one-time password, once, to the console
            log.warn("""

                    ==================================================================
                    Created the first program admin: {}
                    One-time password: {}
                    It must be changed at the first login (POST /api/me/password).
                    Set CHANNELBOOK_ADMIN_EMAIL / CHANNELBOOK_ADMIN_PASSWORD to choose.
                    ==================================================================""", email, password);
        } else {
            log.info("Created the first program admin {} from CHANNELBOOK_ADMIN_EMAIL / CHANNELBOOK_ADMIN_PASSWORD", email);
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
