package io.channelbook.query.deal;

import io.channelbook.api.deal.CustomerClaimContestedEvent;
import io.channelbook.api.deal.CustomerClaimReleasedEvent;
import io.channelbook.api.deal.CustomerClaimedEvent;
import io.channelbook.api.deal.DealConflictView;
import io.channelbook.api.deal.DealView;
import io.channelbook.api.deal.FindDealConflictQuery;
import io.channelbook.api.deal.ProtectionTransferredEvent;
import io.channelbook.query.infrastructure.DocumentBatch;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.SourceId;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The customer claims read model: per customer domain, who holds it and every registration in the order the claim
 * recorded it, with the claim stream's sequence number and the event's timestamp, which prove who came first. The
 * conflict view joins it with the deal details (vendor view).
 */
@Component
@ProcessingGroup(CustomerClaimProjection.PROCESSING_GROUP)
class CustomerClaimProjection {

    static final String PROCESSING_GROUP = "customer-claims";

    private static final String BATCH = CustomerClaimProjection.class.getName() + ".batch";

    private final ReactiveMongoTemplate mongo;

    CustomerClaimProjection(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @EventHandler
    void on(CustomerClaimedEvent event, @SourceId String stream, @SequenceNumber long sequence,
            @Timestamp Instant at) {
        change(event.customerDomain(), stream, sequence, claim -> claim
                .recording(event.registrationId(), event.partnerId(), sequence, at, CustomerClaimedEvent.class)
                .withHolder(event.registrationId(), event.partnerId()));
    }

    @EventHandler
    void on(CustomerClaimContestedEvent event, @SourceId String stream, @SequenceNumber long sequence,
            @Timestamp Instant at) {
        change(event.customerDomain(), stream, sequence, claim -> claim.recording(event.registrationId(),
                event.partnerId(), sequence, at, CustomerClaimContestedEvent.class));
    }

    @EventHandler
    void on(CustomerClaimReleasedEvent event, @SourceId String stream, @SequenceNumber long sequence) {
        change(event.customerDomain(), stream, sequence, claim ->
                event.registrationId().equals(claim.holderRegistrationId()) ? claim.withHolder(null, null) : claim);
    }

    @EventHandler
    void on(ProtectionTransferredEvent event, @SourceId String stream, @SequenceNumber long sequence,
            @Timestamp Instant at) {
        change(event.customerDomain(), stream, sequence, claim -> claim.recording(event.toRegistrationId(),
                        event.toPartnerId(), sequence, at, ProtectionTransferredEvent.class)
                .withHolder(event.toRegistrationId(), event.toPartnerId()));
    }

    /** Vendor staff only (the edge enforces it): both sides in full. {@code null} for an unknown customer. */
    @QueryHandler
    CompletableFuture<DealConflictView> handle(FindDealConflictQuery query) {
        return mongo.findById(query.customerDomain(), CustomerClaimDocument.class)
                .flatMap(claim -> registrations(claim).map(registrations -> new DealConflictView(claim.id(),
                        claim.holderRegistrationId(), claim.toClaimOrder(), registrations)))
                .toFuture();
    }

    @ResetHandler
    void reset() {
        mongo.dropCollection(CustomerClaimDocument.class).block();
    }

    /** The registrations' details in claim order; one the detail read model has not seen yet is left out. */
    private Mono<List<DealView>> registrations(CustomerClaimDocument claim) {
        List<String> ids = claim.claimOrder().stream().map(CustomerClaimDocument.Entry::registrationId).toList();
        return mongo.find(Query.query(Criteria.where("_id").in(ids)), DealDetailDocument.class)
                .collectMap(DealDetailDocument::id, Function.identity())
                .map(byId -> ids.stream().map(byId::get).filter(Objects::nonNull).map(deal -> deal.toView(null))
                        .toList());
    }

    /**
     * Applies one event in the processor's batch; the batch is written after its last ({@link DocumentBatch#apply}). The
     * documents of the batch's aggregates (keyed like them) are loaded first, with one query.
     */
    private void change(String customerDomain, String stream, long sequence,
                        UnaryOperator<CustomerClaimDocument> change) {
        DocumentBatch.apply(BATCH, mongo, DocumentBatch.byAggregateId(CustomerClaimDocument.class), batch -> {
            CustomerClaimDocument current = batch.find(CustomerClaimDocument.class, customerDomain);
            if (current == null) {
                current = CustomerClaimDocument.unclaimed(customerDomain);
            }
            if (!current.covers(stream, sequence)) {
                batch.save(change.apply(current).applied(stream, sequence));
            }
        });
    }
}
