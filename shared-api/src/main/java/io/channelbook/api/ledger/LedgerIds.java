package io.channelbook.api.ledger;

/** A partner's ledger is its own aggregate, with an id that cannot collide with the partner aggregate's. */
public final class LedgerIds {

    private static final String PREFIX = "ledger-";

    private LedgerIds() {
    }

    public static String ofPartner(String partnerId) {
        return PREFIX + partnerId;
    }

    public static String partnerOf(String ledgerId) {
        if (!ledgerId.startsWith(PREFIX)) {
            throw new IllegalArgumentException("Not a ledger id: " + ledgerId);
        }
        return ledgerId.substring(PREFIX.length());
    }
}
