package io.channelbook.query.deal;

import io.channelbook.api.deal.ClaimOrderEntry;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The claim on one customer, keyed by its normalized domain: the current holder and every registration in the order
 * the claim's event stream recorded it. {@code positions} as in {@link DealDetailDocument} (normally just the claim's
 * own stream).
 */
@Document(CustomerClaimDocument.COLLECTION)
record CustomerClaimDocument(
        @Id String id,
        String holderRegistrationId,
        String holderPartnerId,
        List<Entry> claimOrder,
        List<StreamPosition> positions) {

    static final String COLLECTION = "customer_claims";

    /**
     * One registration's first appearance in the claim. {@code recordedAt} is the event's timestamp as ISO-8601
     * text: a Mongo date keeps milliseconds only, and the proof should match the event store to the nanosecond.
     */
    record Entry(long claimSequence, String recordedAt, String registrationId, String partnerId, String eventType) {
    }

    static CustomerClaimDocument unclaimed(String customerDomain) {
        return new CustomerClaimDocument(customerDomain, null, null, List.of(), List.of());
    }

    boolean covers(String stream, long sequence) {
        return StreamPosition.covers(positions, stream, sequence);
    }

    CustomerClaimDocument applied(String stream, long sequence) {
        return new CustomerClaimDocument(id, holderRegistrationId, holderPartnerId, claimOrder,
                StreamPosition.advance(positions, stream, sequence));
    }

    CustomerClaimDocument withHolder(String registrationId, String partnerId) {
        return new CustomerClaimDocument(id, registrationId, partnerId, claimOrder, positions);
    }

    /** Adds the registration to the claim order unless it is in it already. */
    CustomerClaimDocument recording(String registrationId, String partnerId, long sequence, Instant at,
                                    Class<?> eventType) {
        if (claimOrder.stream().anyMatch(entry -> entry.registrationId().equals(registrationId))) {
            return this;
        }
        List<Entry> longer = new ArrayList<>(claimOrder);
        longer.add(new Entry(sequence, at.toString(), registrationId, partnerId, eventType.getSimpleName()));
        return new CustomerClaimDocument(id, holderRegistrationId, holderPartnerId, List.copyOf(longer), positions);
    }

    List<ClaimOrderEntry> toClaimOrder() {
        return claimOrder.stream()
                .map(entry -> new ClaimOrderEntry(entry.claimSequence(), Instant.parse(entry.recordedAt()),
                        entry.registrationId(), entry.partnerId(), entry.registrationId().equals(holderRegistrationId),
                        entry.eventType()))
                .toList();
    }
}
