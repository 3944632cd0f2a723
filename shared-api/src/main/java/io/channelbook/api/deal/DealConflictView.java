package io.channelbook.api.deal;

import java.util.List;

/** A customer's registrations in claim order, with the current holder and each registration's detail. */
public record DealConflictView(String customerDomain, String holderRegistrationId, List<ClaimOrderEntry> claimOrder,
                               List<DealView> registrations) {
}
