package io.channelbook.ui.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Channelbook's own settings ({@code channelbook.*}).
 *
 * @param dataDir    where the standalone mode keeps its event store and embedded read-model store
 * @param eventStore how the standalone event store treats gaps in its global sequence
 * @param security   logins, invitations and throttling
 */
@ConfigurationProperties("channelbook")
public record ChannelbookProperties(@DefaultValue("./data") Path dataDir,
                                    @DefaultValue EventStore eventStore,
                                    @DefaultValue Security security,
                                    @DefaultValue Deals deals,
                                    @DefaultValue Crm crm) {

    /**
     * @param protectionDays     how long an approved registration protects its customer (program default)
     * @param reminderDaysBefore how many days before protection ends the partner is reminded
     */
    public record Deals(@DefaultValue("90") int protectionDays, @DefaultValue("14") int reminderDaysBefore) {
    }

    /**
     * @param secret  the shared secret of CRM webhooks (HMAC-SHA256); unset: the CRM endpoint answers 503
     * @param maxSkew how far a delivery's timestamp may be from now before it counts as stale (replay protection)
     */
    public record Crm(String secret, @DefaultValue("5m") Duration maxSkew) {
    }

    /**
     * A gap in the global sequence is either a transaction still committing (it fills in) or one that rolled back
     * (it never fills in). Event processors wait for a gap while it is younger than {@code gapTimeout} and remember
     * at most {@code maxGapOffset} positions behind the newest event; older gaps are skipped for good. A processor
     * behind the head reads {@code readBatchSize} events per query and, with {@code readAhead}, through events older than
     * {@code gapTimeout} the next batch while it handles one (standalone JDBC store; BENCHMARKS.md, session 9).
     */
    public record EventStore(@DefaultValue("60s") Duration gapTimeout, @DefaultValue("10000") int maxGapOffset,
                             @DefaultValue("true") boolean readAhead, @DefaultValue("1000") int readBatchSize) {
    }

    /**
     * @param adminEmail       the first program admin, created on first start if no program admin exists
     * @param adminPassword    its password; unset: a one-time password is generated and logged once
     * @param publicUrl        where users reach Channelbook, for links in invitations
     * @param invitationTtl    how long an invitation can be accepted
     * @param maxTokenLifetime the longest lifetime of a personal API token
     * @param throttle         failed logins allowed before further attempts are refused for a while
     * @param jwt              how the claims of bearer JWTs map to users (when a JWT issuer is configured)
     */
    public record Security(String adminEmail,
                           String adminPassword,
                           @DefaultValue("http://localhost:8080") URI publicUrl,
                           @DefaultValue("7d") Duration invitationTtl,
                           @DefaultValue("365d") Duration maxTokenLifetime,
                           @DefaultValue Throttle throttle,
                           @DefaultValue Jwt jwt) {
    }

    /** At most {@code accountFailures} failed logins per account and {@code addressFailures} per client address per {@code window}. */
    public record Throttle(@DefaultValue("5") int accountFailures,
                           @DefaultValue("20") int addressFailures,
                           @DefaultValue("15m") Duration window) {
    }

    /** Claim names: the user's email, role (a string or a list; the first known role wins) and partner id. */
    public record Jwt(@DefaultValue("email") String emailClaim,
                      @DefaultValue("roles") String roleClaim,
                      @DefaultValue("partner_id") String partnerClaim) {
    }
}
