package io.channelbook.ui.security.invitation;

import io.channelbook.ui.security.Role;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/**
 * An invitation to create an account, keyed by the SHA-256 of its secret token: the token travels only in the link,
 * accepting is a read by {@code _id}, and the token works once, until it expires.
 */
@Document(Invitation.COLLECTION)
public record Invitation(
        @Id String tokenHash,
        String invitationId,
        String email,
        Role role,
        String partnerId,
        String invitedBy,
        Instant createdAt,
        Instant expiresAt,
        Instant acceptedAt) {

    public static final String COLLECTION = "invitations";
}
