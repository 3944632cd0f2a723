package io.channelbook.ui.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.channelbook.ui.config.ChannelbookProperties;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Counts failed logins in token buckets per account and per client address. When either bucket is empty, further
 * attempts are refused without checking the password until the bucket refills, so guessing is slow for one account
 * and for one address alike. Successful logins cost nothing.
 */
@Component
public class LoginThrottle {

    private final Cache<String, Bucket> accounts;
    private final Cache<String, Bucket> addresses;
    private final ChannelbookProperties.Throttle settings;

    LoginThrottle(ChannelbookProperties properties) {
        this.settings = properties.security().throttle();
        this.accounts = Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(settings.window().multipliedBy(2)).build();
        this.addresses = Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(settings.window().multipliedBy(2)).build();
    }

    /** Refuses the attempt when the account or the address has used up its failures. */
    public void checkAllowed(String account, String address) {
        Duration wait = Duration.ZERO;
        for (Bucket bucket : new Bucket[]{accountBucket(account), addressBucket(address)}) {
            if (bucket.getAvailableTokens() < 1) {
                Duration refill = Duration.ofNanos(bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill());
                wait = refill.compareTo(wait) > 0 ? refill : wait;
            }
        }
        if (!wait.isZero()) {
            throw new LoginThrottledException(wait);
        }
    }

    public void recordFailure(String account, String address) {
        accountBucket(account).tryConsume(1);
        addressBucket(address).tryConsume(1);
    }

    private Bucket accountBucket(String account) {
        return accounts.get(account, key -> bucket(settings.accountFailures()));
    }

    private Bucket addressBucket(String address) {
        return addresses.get(address, key -> bucket(settings.addressFailures()));
    }

    private Bucket bucket(int failures) {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(failures).refillGreedy(failures, settings.window()).build())
                .build();
    }
}
