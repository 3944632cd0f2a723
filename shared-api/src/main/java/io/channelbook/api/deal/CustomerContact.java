package io.channelbook.api.deal;

/** The person at the customer the partner works with. */
public record CustomerContact(String name, String email) {
}
