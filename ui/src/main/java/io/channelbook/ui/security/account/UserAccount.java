package io.channelbook.ui.security.account;

import io.channelbook.ui.security.ChannelbookUser;
import io.channelbook.ui.security.Role;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/**
 * A login, keyed by its lower-case email so that logging in is a read by {@code _id}. Only a password hash is kept;
 * accounts live in MongoDB beside the read models, never in events.
 */
@Document(UserAccount.COLLECTION)
public record UserAccount(
        @Id String email,
        String userId,
        String displayName,
        String passwordHash,
        Role role,
        String partnerId,
        boolean enabled,
        boolean mustChangePassword,
        Instant createdAt,
        Instant passwordChangedAt) {

    public static final String COLLECTION = "users";

    public ChannelbookUser toUser(ChannelbookUser.LoginMethod method) {
        return new ChannelbookUser(userId, email, displayName, role, partnerId, mustChangePassword, method);
    }

    UserAccount withPassword(String newHash, Instant at) {
        return new UserAccount(email, userId, displayName, newHash, role, partnerId, enabled, false, createdAt, at);
    }
}
