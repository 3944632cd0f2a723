package io.channelbook.command.deal;

import java.util.Optional;

/** Which protection window the program set for a partner (by partner, tier or program), if any. */
interface ProtectionWindowLookup {

    Optional<Integer> windowFor(String partnerId);
}
