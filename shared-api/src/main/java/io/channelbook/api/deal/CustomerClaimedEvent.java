package io.channelbook.api.deal;

/**
 * A registration became the holder of a customer's claim. The claim's event stream (one per customer domain) orders
 * every registration of the customer: its sequence numbers prove who came first.
 */
public record CustomerClaimedEvent(String customerDomain, String registrationId, String partnerId) {
}
