package io.channelbook.ui.security.account;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.Locale;

/** Reads and writes {@link UserAccount}s; every read is by {@code _id}. */
@Component
public class UserAccountStore {

    private final ReactiveMongoTemplate mongo;

    UserAccountStore(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    public static String normalizeEmail(String email) {
        return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    }

    public Mono<UserAccount> find(String email) {
        return mongo.findById(normalizeEmail(email), UserAccount.class);
    }

    /** Creates the account; empty if an account with that email exists already. */
    public Mono<UserAccount> create(UserAccount account) {
        return mongo.insert(account).onErrorResume(DuplicateKeyException.class, duplicate -> Mono.empty());
    }

    public Mono<UserAccount> changePassword(UserAccount account, String newHash, Instant at) {
        return mongo.save(account.withPassword(newHash, at));
    }

    public Mono<Boolean> anyProgramAdmin() {
        return mongo.exists(Query.query(Criteria.where("role").is("PROGRAM_ADMIN")), UserAccount.class);
    }
}
