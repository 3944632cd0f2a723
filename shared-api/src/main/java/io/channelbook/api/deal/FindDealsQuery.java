package io.channelbook.api.deal;

/**
 * A page of registrations: a partner user's own ({@code viewerPartnerId} set, from the login) or, for vendor staff
 * ({@code viewerPartnerId} null), the review queue with its filters. Null filters do not filter.
 *
 * @param status          only registrations in this status
 * @param partnerId       only this partner's registrations (vendor staff only)
 * @param conflictOnly    only registrations in or involved in a conflict
 * @param minValueMinor   only registrations whose estimated value is at least this many minor units
 * @param currency        with {@code minValueMinor}: the currency it is in
 * @param olderThanDays   only registrations submitted more than this many days ago
 */
public record FindDealsQuery(String viewerPartnerId, DealStatus status, String partnerId, Boolean conflictOnly,
                             Long minValueMinor, String currency, Integer olderThanDays, DealSort sort,
                             int page, int size) {
}
