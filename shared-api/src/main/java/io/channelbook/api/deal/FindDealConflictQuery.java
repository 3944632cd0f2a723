package io.channelbook.api.deal;

/** The side-by-side view of a customer's competing registrations (vendor staff only); a {@link DealConflictView}. */
public record FindDealConflictQuery(String customerDomain) {
}
