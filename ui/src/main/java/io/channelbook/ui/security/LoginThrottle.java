package io.channelbook.ui.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.channelbook.ui.config.ChannelbookProperties;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Counts failed logins in token buckets per account and per client address. When either bucket is empty, further
 * attempts are refused without checking the password until the bucket refills, so guessing is slow for one account
 * and for one address alike. Successful logins cost nothing.
 * <p>
 * Every attempt takes its token before the password is checked and gets it back if the password was right: checking
 * first and counting the failure afterwards would let a burst of concurrent guesses all pass the check before the
 * first failure is counted. The price is that a client with more password logins in flight at once than the limit
 * allows gets 429 for the surplus; such clients should use a personal API token.
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

    /**
     * Takes one attempt from the account's and the address's allowance, or refuses the attempt (taking nothing) when
     * either has none left.
     */
    public void reserveAttempt(String account, String address) {
        Bucket accountBucket = accountBucket(account);
        Bucket addressBucket = addressBucket(address);
        ConsumptionProbe forAccount = accountBucket.tryConsumeAndReturnRemaining(1);
        ConsumptionProbe forAddress = addressBucket.tryConsumeAndReturnRemaining(1);
        if (forAccount.isConsumed() && forAddress.isConsumed()) {
            return;
        }
        if (forAccount.isConsumed()) {
            accountBucket.addTokens(1);
        }
        if (forAddress.isConsumed()) {
            addressBucket.addTokens(1);
        }
        Duration wait = Duration.ofNanos(Math.max(forAccount.getNanosToWaitForRefill(), forAddress.getNanosToWaitForRefill()));
        throw new LoginThrottledException(wait);
    }

    /** Gives the attempt back: the password was right. */
    public void recordSuccess(String account, String address) {
        accountBucket(account).addTokens(1);
        addressBucket(address).addTokens(1);
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
