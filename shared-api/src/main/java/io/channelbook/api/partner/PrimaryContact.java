package io.channelbook.api.partner;

/** The person the vendor talks to at a partner. */
public record PrimaryContact(String name, String email) {
}
