package io.channelbook.ui.security.token;

import io.channelbook.ui.config.ChannelbookProperties;
import io.channelbook.ui.security.ChannelbookUser;
import io.channelbook.ui.security.Secrets;
import io.channelbook.ui.security.account.UserAccountStore;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** Issues, lists, revokes and checks personal API tokens ({@code cbk_...}). */
@Service
public class ApiTokenService {

    public static final String PREFIX = "cbk_";

    private final ReactiveMongoTemplate mongo;
    private final UserAccountStore accounts;
    private final Clock clock;
    private final Duration maxLifetime;

    ApiTokenService(ReactiveMongoTemplate mongo, UserAccountStore accounts, Clock clock, ChannelbookProperties properties) {
        this.mongo = mongo;
        this.accounts = accounts;
        this.clock = clock;
        this.maxLifetime = properties.security().maxTokenLifetime();
    }

    /** The new token with its secret, which is never available again. */
    public Mono<IssuedToken> issue(ChannelbookUser owner, String name, Duration lifetime) {
        Duration effective = lifetime.compareTo(maxLifetime) > 0 ? maxLifetime : lifetime;
        String secret = PREFIX + Secrets.random();
        Instant now = clock.instant();
        ApiToken token = new ApiToken(Secrets.sha256(secret), UUID.randomUUID().toString(), owner.email(), name,
                now, now.plus(effective));
        return mongo.insert(token).map(saved -> new IssuedToken(saved.tokenId(), saved.name(), secret, saved.createdAt(), saved.expiresAt()));
    }

    public Flux<ApiToken> list(ChannelbookUser owner) {
        return mongo.find(Query.query(Criteria.where("email").is(owner.email())), ApiToken.class);
    }

    /** Revokes one of the owner's tokens; false when the owner has no token with that id. */
    public Mono<Boolean> revoke(ChannelbookUser owner, String tokenId) {
        return mongo.remove(Query.query(Criteria.where("email").is(owner.email()).and("tokenId").is(tokenId)), ApiToken.class)
                .map(result -> result.getDeletedCount() > 0);
    }

    /** The user a token stands for, if the token exists, has not expired and its account is enabled. */
    public Mono<ChannelbookUser> authenticate(String secret) {
        if (!secret.startsWith(PREFIX)) {
            return Mono.empty();
        }
        return mongo.findById(Secrets.sha256(secret), ApiToken.class)
                .filter(token -> !token.isExpired(clock.instant()))
                .flatMap(token -> accounts.find(token.email()))
                .filter(account -> account.enabled())
                .map(account -> account.toUser(ChannelbookUser.LoginMethod.API_TOKEN));
    }

    /** A token as its owner sees it once, on creation. */
    public record IssuedToken(String tokenId, String name, String token, Instant createdAt, Instant expiresAt) {
    }
}
