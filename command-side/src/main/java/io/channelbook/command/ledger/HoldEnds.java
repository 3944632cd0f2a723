package io.channelbook.command.ledger;

/** Deadline payload: the hold of an entry ends. */
record HoldEnds(String entryId) {
}
