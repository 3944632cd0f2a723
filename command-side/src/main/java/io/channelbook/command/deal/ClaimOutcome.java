package io.channelbook.command.deal;

/**
 * What a customer's claim decided for a new registration: it holds the customer, or it contests the registration
 * that does ({@code holderRegistrationId}, of partner {@code holderPartnerId}).
 */
record ClaimOutcome(boolean holds, String holderRegistrationId, String holderPartnerId) {

    static ClaimOutcome holding() {
        return new ClaimOutcome(true, null, null);
    }

    static ClaimOutcome contesting(String holderRegistrationId, String holderPartnerId) {
        return new ClaimOutcome(false, holderRegistrationId, holderPartnerId);
    }
}
