package io.channelbook.query.deal;

import java.util.ArrayList;
import java.util.List;

/**
 * How far one event stream (one aggregate: a registration, or the claim of its customer) has been applied to a
 * document. Sequence numbers only order the events of one stream, so a document fed by several streams keeps one
 * position per stream: a claim event's number is never compared with a registration's.
 */
record StreamPosition(String stream, long sequence) {

    /** Whether the event at {@code sequence} of {@code stream} has been applied already (a redelivery). */
    static boolean covers(List<StreamPosition> positions, String stream, long sequence) {
        return positions.stream().anyMatch(position -> position.stream.equals(stream) && position.sequence >= sequence);
    }

    /** The positions after applying the event at {@code sequence} of {@code stream}. */
    static List<StreamPosition> advance(List<StreamPosition> positions, String stream, long sequence) {
        List<StreamPosition> advanced = new ArrayList<>(positions.size() + 1);
        positions.stream().filter(position -> !position.stream.equals(stream)).forEach(advanced::add);
        advanced.add(new StreamPosition(stream, sequence));
        return advanced;
    }

    /** The last sequence number applied from {@code stream}, or -1. */
    static long of(List<StreamPosition> positions, String stream) {
        return positions.stream().filter(position -> position.stream.equals(stream))
                .mapToLong(StreamPosition::sequence).findFirst().orElse(-1);
    }
}
