package io.channelbook.ui.security.token;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/**
 * A personal API token, keyed by the SHA-256 of its secret: the secret itself is shown once and never stored, and
 * authenticating a request is a read by {@code _id}.
 */
@Document(ApiToken.COLLECTION)
public record ApiToken(@Id String secretHash, String tokenId, String email, String name, Instant createdAt, Instant expiresAt) {

    public static final String COLLECTION = "api_tokens";

    boolean isExpired(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
