package io.channelbook.query.deal;

import io.channelbook.api.deal.ConflictResolution;
import io.channelbook.api.deal.CustomerClaimedEvent;
import io.channelbook.api.deal.DealClosedLostEvent;
import io.channelbook.api.deal.DealClosedWonEvent;
import io.channelbook.api.deal.DealConflictResolvedEvent;
import io.channelbook.api.deal.DealPage;
import io.channelbook.api.deal.DealRegistrationApprovedEvent;
import io.channelbook.api.deal.DealRegistrationConflictedEvent;
import io.channelbook.api.deal.DealRegistrationExpiredEvent;
import io.channelbook.api.deal.DealRegistrationRejectedEvent;
import io.channelbook.api.deal.DealRegistrationSubmittedEvent;
import io.channelbook.api.deal.DealStatus;
import io.channelbook.api.deal.DealSummary;
import io.channelbook.api.deal.FindDealsQuery;
import io.channelbook.api.deal.ProtectionExtendedEvent;
import io.channelbook.api.deal.ProtectionTransferredEvent;
import io.channelbook.query.infrastructure.DocumentBatch;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.SourceId;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The deal list and review queue: one line per registration, plus one index document per partner listing its
 * registration ids, so a partner's list (and a vendor's list filtered by partner) is read by ids; only the unscoped
 * review queue scans. Subscribers of {@link FindDealsQuery} get the {@link DealSummary} of every change that enters,
 * changes or leaves their selection.
 * <p>
 * A registration in conflict is listed among its holder's contesters, which is what puts the holder in the conflict
 * filter; one event can change several lines, so this processing group relies on Axon's default of one segment.
 * Events are applied in the processor's batches: lines read once, written once per batch, with the partner indexes
 * before them ({@link DocumentBatch}); subscribers hear of each change once the batch is written.
 */
@Component
@ProcessingGroup(DealListProjection.PROCESSING_GROUP)
class DealListProjection {

    static final String PROCESSING_GROUP = "deal-list";

    private static final String BATCH = DealListProjection.class.getName() + ".batch";

    private final ReactiveMongoTemplate mongo;
    private final QueryUpdateEmitter updateEmitter;
    private final Clock clock;

    DealListProjection(ReactiveMongoTemplate mongo, QueryUpdateEmitter updateEmitter, Clock clock) {
        this.mongo = mongo;
        this.updateEmitter = updateEmitter;
        this.clock = clock;
    }

    @EventHandler
    void on(DealRegistrationSubmittedEvent event, @SourceId String stream, @SequenceNumber long sequence,
            @Timestamp Instant at) {
        inBatch(batch -> {
            register(batch, DealListDocument.submitted(event, stream, sequence, at));
        });
    }

    @EventHandler
    void on(DealRegistrationConflictedEvent event, @SourceId String stream, @SequenceNumber long sequence,
            @Timestamp Instant at) {
        inBatch(batch -> {
            register(batch, DealListDocument.conflicted(event, stream, sequence, at));
        });
    }

    @EventHandler
    void on(DealRegistrationApprovedEvent event, @SourceId String stream, @SequenceNumber long sequence) {
        inBatch(batch -> {
            change(batch, event.registrationId(), stream, sequence,
                    deal -> deal.withStatus(DealStatus.APPROVED).withProtectedUntil(event.protectedUntil()));
        });
    }

    @EventHandler
    void on(DealRegistrationRejectedEvent event, @SourceId String stream, @SequenceNumber long sequence) {
        inBatch(batch -> {
            change(batch, event.registrationId(), stream, sequence, deal -> deal.withStatus(DealStatus.REJECTED));
        });
    }

    @EventHandler
    void on(ProtectionExtendedEvent event, @SourceId String stream, @SequenceNumber long sequence) {
        inBatch(batch -> {
            change(batch, event.registrationId(), stream, sequence, deal -> deal.withProtectedUntil(event.protectedUntil()));
        });
    }

    @EventHandler
    void on(DealRegistrationExpiredEvent event, @SourceId String stream, @SequenceNumber long sequence) {
        inBatch(batch -> {
            change(batch, event.registrationId(), stream, sequence, deal -> deal.withStatus(DealStatus.EXPIRED));
        });
    }

    @EventHandler
    void on(DealClosedWonEvent event, @SourceId String stream, @SequenceNumber long sequence) {
        inBatch(batch -> {
            change(batch, event.registrationId(), stream, sequence, deal -> deal.withStatus(DealStatus.CLOSED_WON));
        });
    }

    @EventHandler
    void on(DealClosedLostEvent event, @SourceId String stream, @SequenceNumber long sequence) {
        inBatch(batch -> {
            change(batch, event.registrationId(), stream, sequence, deal -> deal.withStatus(DealStatus.CLOSED_LOST));
        });
    }

    /** Co-selling and a transfer end the conflict; keeping the first changes nothing until the rejection. */
    @EventHandler
    void on(DealConflictResolvedEvent event, @SourceId String stream, @SequenceNumber long sequence) {
        inBatch(batch -> {
            if (event.resolution() == ConflictResolution.KEEP_FIRST) {
                return;
            }
            change(batch, event.registrationId(), stream, sequence,
                    deal -> deal.inConflict() ? deal.withStatus(DealStatus.SUBMITTED) : deal);
        });
    }

    @EventHandler
    void on(ProtectionTransferredEvent event, @SourceId String stream, @SequenceNumber long sequence) {
        inBatch(batch -> {
            becomeHolder(batch, event.toRegistrationId(), event.fromRegistrationId(), stream, sequence);
        });
    }

    /** As in the detail: only a contester's claim (its holder let go) changes anything here. */
    @EventHandler
    void on(CustomerClaimedEvent event, @SourceId String stream, @SequenceNumber long sequence) {
        inBatch(batch -> {
            DealListDocument claimant = find(batch, event.registrationId());
            if (claimant == null || claimant.covers(stream, sequence) || !claimant.inConflict()) {
                return;
            }
            becomeHolder(batch, event.registrationId(), claimant.holderRegistrationId(), stream, sequence);
        });
    }

    /**
     * Applies one event in the processor's batch; the batch is written after its last ({@link DocumentBatch#apply}). The
     * documents of the batch's aggregates (keyed like them) are loaded first, with one query.
     */
    private void inBatch(Consumer<DocumentBatch> event) {
        DocumentBatch.apply(BATCH, mongo, DocumentBatch.byAggregateId(DealListDocument.class), event);
    }

    @QueryHandler
    CompletableFuture<DealPage> handle(FindDealsQuery query) {
        DealListFilter filter = DealListFilter.of(query, clock.instant());
        int page = Math.max(query.page(), 0);
        int size = Math.max(query.size(), 0);
        Mono<DealPage> result = filter.partnerId() != null
                ? partnerPage(filter, page, size)
                : queuePage(filter, page, size);
        return result.toFuture();
    }

    @ResetHandler
    void reset() {
        mongo.dropCollection(DealListDocument.class)
                .then(mongo.dropCollection(DealPartnerIndexDocument.class))
                .block();
    }

    /** One partner's registrations: read by ids, then filtered, ordered and paged in memory. */
    private Mono<DealPage> partnerPage(DealListFilter filter, int page, int size) {
        return mongo.findById(filter.partnerId(), DealPartnerIndexDocument.class)
                .flatMapMany(index -> mongo.find(
                        Query.query(Criteria.where("_id").in(index.registrationIds())), DealListDocument.class))
                .filter(filter::matches)
                .sort(filter.order())
                .map(DealListDocument::toSummary)
                .collectList()
                .map(matching -> {
                    int from = (int) Math.min((long) page * size, matching.size());
                    int to = (int) Math.min((long) from + size, matching.size());
                    return new DealPage(List.copyOf(matching.subList(from, to)), page, size, matching.size());
                });
    }

    private Mono<DealPage> queuePage(DealListFilter filter, int page, int size) {
        Query selection = Query.query(filter.criteria());
        Mono<Long> total = mongo.count(selection, DealListDocument.class);
        // Mongo reads a limit of 0 as "no limit"
        Mono<List<DealSummary>> items = size == 0
                ? Mono.just(List.of())
                : mongo.find(Query.of(selection).with(filter.mongoSort()).skip((long) page * size).limit(size),
                                DealListDocument.class)
                        .map(DealListDocument::toSummary)
                        .collectList();
        return items.zipWith(total, (lines, count) -> new DealPage(lines, page, size, count));
    }

    /**
     * A redelivered registration finds its line and changes nothing. The partner index and the holder's contesters
     * are sets, written before the line: a crash in between is repaired by the redelivery.
     */
    private void register(DocumentBatch batch, DealListDocument deal) {
        if (find(batch, deal.id()) != null) {
            return;
        }
        batch.addToSet(DealPartnerIndexDocument.class, deal.partnerId(), DealPartnerIndexDocument.REGISTRATION_IDS,
                deal.id());
        if (deal.holderRegistrationId() != null) {
            DealListDocument holder = find(batch, deal.holderRegistrationId());
            if (holder != null) {
                save(batch, holder, holder.withContester(deal.id()));
            }
        }
        batch.save(deal);
        batch.afterWrite(() -> emit(null, deal));
    }

    /**
     * {@code registrationId} now holds its customer instead of {@code previousHolder}, and the previous holder's other
     * contesters contest it instead. The lines are written contesters first, previous holder last (it lists the
     * contesters), each checking its own position in the claim stream: a redelivery finishes what a crash left.
     */
    private void becomeHolder(DocumentBatch batch, String registrationId, String previousHolder, String stream, long sequence) {
        DealListDocument previous = previousHolder == null ? null : find(batch, previousHolder);
        List<String> others = previous == null
                ? List.of()
                : previous.contesters().stream().filter(contester -> !contester.equals(registrationId)).toList();
        others.forEach(other -> change(batch, other, stream, sequence, deal -> deal.withHolder(registrationId)));
        change(batch, registrationId, stream, sequence, deal -> {
            DealListDocument holder = deal.inConflict() ? deal.withStatus(DealStatus.SUBMITTED) : deal;
            for (String other : others) {
                holder = holder.withContester(other);
            }
            return holder;
        });
        if (previous != null) {
            change(batch, previousHolder, stream, sequence, deal -> deal.withContesters(List.of()));
        }
    }

    /** Applies one event to one line; a registration that leaves its conflict stops contesting its holder. */
    private void change(DocumentBatch batch, String registrationId, String stream, long sequence, UnaryOperator<DealListDocument> change) {
        DealListDocument current = find(batch, registrationId);
        if (current == null || current.covers(stream, sequence)) {
            return;
        }
        DealListDocument changed = change.apply(current);
        if (current.inConflict() && !changed.inConflict() && current.holderRegistrationId() != null) {
            uncontest(batch, current.holderRegistrationId(), registrationId);
            changed = changed.withHolder(null);
        }
        save(batch, current, changed.applied(stream, sequence));
    }

    private void uncontest(DocumentBatch batch, String holderRegistrationId, String contester) {
        DealListDocument holder = find(batch, holderRegistrationId);
        if (holder != null && holder.contesters().contains(contester)) {
            save(batch, holder, holder.withoutContester(contester));
        }
    }

    private DealListDocument find(DocumentBatch batch, String registrationId) {
        return batch.find(DealListDocument.class, registrationId);
    }

    private void save(DocumentBatch batch, DealListDocument before, DealListDocument after) {
        if (after.equals(before)) {
            return;
        }
        batch.save(after);
        batch.afterWrite(() -> emit(before, after));
    }

    /** To every subscriber whose selection held the line before or holds it now: it learns of entries and exits. */
    private void emit(DealListDocument before, DealListDocument after) {
        Instant now = clock.instant();
        updateEmitter.emit(FindDealsQuery.class, query -> {
            DealListFilter filter = DealListFilter.of(query, now);
            return (before != null && filter.matches(before)) || filter.matches(after);
        }, after.toSummary());
    }
}
