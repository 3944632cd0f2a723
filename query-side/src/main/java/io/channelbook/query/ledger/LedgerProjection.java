package io.channelbook.query.ledger;

import io.channelbook.api.common.MetadataKeys;
import io.channelbook.api.ledger.CommissionAccruedEvent;
import io.channelbook.api.ledger.CommissionReleasedEvent;
import io.channelbook.api.ledger.CommissionReversedEvent;
import io.channelbook.api.ledger.EarningsSummary;
import io.channelbook.api.ledger.EntryKind;
import io.channelbook.api.ledger.EntryStatus;
import io.channelbook.api.ledger.FindEarningsSummaryQuery;
import io.channelbook.api.ledger.LedgerAdjustedEvent;
import io.channelbook.api.ledger.MovementType;
import io.channelbook.api.ledger.PayoutRecordedEvent;
import io.channelbook.api.money.Money;
import io.channelbook.query.infrastructure.ProcessorBatches;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.MetaData;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The ledger read models: movements (one per balance-moving event), entries with their current status and outstanding
 * amount, current balances per partner and currency, and earnings per partner, currency and UTC month. Events are
 * applied in the processor's batches ({@link LedgerBatch}: documents read once, written once per batch); after each
 * batch the fresh {@link EarningsSummary} of every partner it changed is pushed to subscribers of
 * {@link FindEarningsSummaryQuery}.
 * <p>
 * Every balance-moving event comes from the partner's own ledger aggregate, and every document here belongs to one
 * partner, so each document guards itself with the sequence number (in that one stream) of the last event applied
 * to it: a redelivered event changes nothing, and one that a crash interrupted finishes its remaining writes. Global
 * positions (from the tracking token) order movements and version the summary; they are not used as the guard because
 * a gap-filling event store may deliver a lower position after a higher one of another aggregate. This processing
 * group must run in a streaming (tracking or pooled) processor: the global position is part of every movement.
 * <p>
 * Writes go movements, entries, months, balances: the balances document, written last, is what says "applied".
 */
@Component
@ProcessingGroup(LedgerProjection.PROCESSING_GROUP)
public class LedgerProjection {

    public static final String PROCESSING_GROUP = "ledger";

    private static final String BATCH = LedgerBatch.class.getName();

    private final ReactiveMongoTemplate mongo;
    private final QueryUpdateEmitter updateEmitter;
    private final LedgerReadModel reads;

    LedgerProjection(ReactiveMongoTemplate mongo, QueryUpdateEmitter updateEmitter, LedgerReadModel reads) {
        this.mongo = mongo;
        this.updateEmitter = updateEmitter;
        this.reads = reads;
    }

    @EventHandler
    void on(CommissionAccruedEvent event, EventMessage<?> message) {
        Applied applied = Applied.of(message);
        LedgerBatch batch = batch();
        Money zero = Money.zero(event.amount().currency());
        LedgerMovementDocument movement = movement(applied, event.partnerId(), event.entryId(), MovementType.ACCRUED,
                event.kind(), event.registrationId(), event.amount(), event.amount(), zero, zero,
                event.explanation() == null ? null : event.explanation().text(), null, null, null, event.payableAt(),
                null);
        batch.save(movement);
        LedgerEntryDocument existing = batch.entry(event.entryId());
        if (existing == null || !existing.covers(applied.sequence)) {
            batch.listEntry(event.partnerId(), event.entryId());
            batch.save(new LedgerEntryDocument(event.entryId(), event.partnerId(), event.kind(), EntryStatus.PENDING,
                    event.amount(), event.amount(), event.registrationId(), null, event.earnedOn(), event.period(),
                    applied.at, event.payableAt(), null, applied.actorId, event.explanation(), movement.text(),
                    applied.eventId, applied.causationId, applied.correlationId, applied.position, applied.sequence,
                    List.of()));
        }
        earned(batch, movement, applied);
        balances(batch, movement, event.entryId(), applied);
        finish(batch);
    }

    @EventHandler
    void on(CommissionReleasedEvent event, EventMessage<?> message) {
        Applied applied = Applied.of(message);
        LedgerBatch batch = batch();
        LedgerEntryDocument released = batch.entry(event.entryId());
        Money zero = Money.zero(event.amount().currency());
        LedgerMovementDocument movement = movement(applied, event.partnerId(), event.entryId(), MovementType.RELEASED,
                released == null ? null : released.kind(), released == null ? null : released.registrationId(),
                event.amount(), event.amount().negate(), event.amount(), zero, null, null, null, null, null, null);
        batch.save(movement);
        if (released != null && !released.covers(applied.sequence)) {
            batch.save(released.withStatus(EntryStatus.PAYABLE, applied.sequence));
            // reversals netted in pending while the entry was held follow it into payable
            for (String reversalId : released.reversalEntryIds() == null ? List.<String>of() : released.reversalEntryIds()) {
                LedgerEntryDocument reversal = batch.entry(reversalId);
                if (reversal != null && !reversal.covers(applied.sequence) && reversal.status() == EntryStatus.PENDING) {
                    batch.save(reversal.withStatus(EntryStatus.PAYABLE, applied.sequence));
                }
            }
        }
        balances(batch, movement, null, applied);
        finish(batch);
    }

    @EventHandler
    void on(CommissionReversedEvent event, EventMessage<?> message) {
        Applied applied = Applied.of(message);
        LedgerBatch batch = batch();
        boolean fromPending = event.from() == EntryStatus.PENDING;
        Money zero = Money.zero(event.amount().currency());
        LedgerMovementDocument movement = movement(applied, event.partnerId(), event.entryId(), MovementType.REVERSED,
                EntryKind.REVERSAL, event.registrationId(), event.amount(), fromPending ? event.amount() : zero,
                fromPending ? zero : event.amount(), zero, event.text(), event.reason(), event.reversedEntryId(),
                event.from(), null, null);
        batch.save(movement);
        LedgerEntryDocument reversed = batch.entry(event.reversedEntryId());
        if (reversed != null && !reversed.covers(applied.sequence)) {
            batch.save(reversed.reversedBy(event.entryId(), event.amount(), applied.sequence));
        }
        LedgerEntryDocument existing = batch.entry(event.entryId());
        if (existing == null || !existing.covers(applied.sequence)) {
            // the netting happens in pending or in payable; a reversal of a paid entry is netted in payable
            EntryStatus status = fromPending ? EntryStatus.PENDING : EntryStatus.PAYABLE;
            batch.listEntry(event.partnerId(), event.entryId());
            batch.save(new LedgerEntryDocument(event.entryId(), event.partnerId(), EntryKind.REVERSAL, status,
                    event.amount(), event.amount(), event.registrationId(), event.reversedEntryId(),
                    reversed == null ? null : reversed.earnedOn(), reversed == null ? null : reversed.period(),
                    applied.at, null, event.reason(), applied.actorId, null, event.text(), applied.eventId,
                    applied.causationId, applied.correlationId, applied.position, applied.sequence, List.of()));
        }
        earned(batch, movement, applied);
        balances(batch, movement, event.entryId(), applied);
        finish(batch);
    }

    @EventHandler
    void on(LedgerAdjustedEvent event, EventMessage<?> message) {
        Applied applied = Applied.of(message);
        LedgerBatch batch = batch();
        Money zero = Money.zero(event.amount().currency());
        LedgerMovementDocument movement = movement(applied, event.partnerId(), event.entryId(), MovementType.ADJUSTED,
                EntryKind.ADJUSTMENT, null, event.amount(), zero, event.amount(), zero, null, event.reason(), null,
                null, null, null);
        batch.save(movement);
        LedgerEntryDocument existing = batch.entry(event.entryId());
        if (existing == null || !existing.covers(applied.sequence)) {
            batch.listEntry(event.partnerId(), event.entryId());
            batch.save(new LedgerEntryDocument(event.entryId(), event.partnerId(), EntryKind.ADJUSTMENT,
                    EntryStatus.PAYABLE, event.amount(), event.amount(), null, null,
                    applied.at.atZone(ZoneOffset.UTC).toLocalDate(), null, applied.at, applied.at, event.reason(),
                    applied.actorId, null, null, applied.eventId, applied.causationId, applied.correlationId,
                    applied.position, applied.sequence, List.of()));
        }
        earned(batch, movement, applied);
        balances(batch, movement, event.entryId(), applied);
        finish(batch);
    }

    @EventHandler
    void on(PayoutRecordedEvent event, EventMessage<?> message) {
        Applied applied = Applied.of(message);
        LedgerBatch batch = batch();
        Money zero = Money.zero(event.amount().currency());
        String text = "Payout " + event.payoutId()
                + (event.reference() == null ? "" : ", reference " + event.reference())
                + (event.paidOn() == null ? "" : ", paid on " + event.paidOn());
        List<String> settled = event.settledEntryIds() == null ? List.of() : event.settledEntryIds();
        LedgerMovementDocument movement = movement(applied, event.partnerId(), event.payoutId(), MovementType.PAID,
                null, null, event.amount(), zero, event.amount().negate(), event.amount(), text, null, null, null,
                null, settled);
        batch.save(movement);
        for (String entryId : settled) {
            LedgerEntryDocument entry = batch.entry(entryId);
            if (entry != null && !entry.covers(applied.sequence)) {
                batch.save(entry.withStatus(EntryStatus.PAID, applied.sequence));
            }
        }
        balances(batch, movement, null, applied);
        finish(batch);
    }

    @ResetHandler
    void reset() {
        mongo.dropCollection(LedgerMovementDocument.class)
                .then(mongo.dropCollection(LedgerEntryDocument.class))
                .then(mongo.dropCollection(LedgerBalanceDocument.class))
                .then(mongo.dropCollection(MonthlyEarningsDocument.class))
                .then(mongo.dropCollection(LedgerPartnerEntriesDocument.class))
                .block();
        reads.createIndexes();
    }

    /** Accruals, reversals and adjustments count toward the month (UTC) the event was recorded in. */
    private static void earned(LedgerBatch batch, LedgerMovementDocument movement, Applied applied) {
        YearMonth month = YearMonth.from(applied.at.atZone(ZoneOffset.UTC));
        String id = MonthlyEarningsDocument.id(movement.partnerId(), movement.currency(), month);
        MonthlyEarningsDocument current = batch.month(id);
        if (current != null && current.lastSequence() >= applied.sequence) {
            return;
        }
        long earned = (current == null ? 0 : current.earned()) + movement.amount().amountMinor();
        batch.save(new MonthlyEarningsDocument(id, movement.partnerId(), movement.currency(), month.toString(),
                earned, applied.sequence));
    }

    private static void balances(LedgerBatch batch, LedgerMovementDocument movement, String newEntryId,
                                 Applied applied) {
        String partnerId = movement.partnerId();
        LedgerBalanceDocument current = batch.balance(partnerId);
        if (current == null) {
            current = LedgerBalanceDocument.empty(partnerId);
        } else if (current.covers(applied.sequence)) {
            return;
        }
        // the event's entry changes are in the batch already: the balance's copies of its recent entries follow them
        batch.save(current.apply(movement, newEntryId, applied.sequence, applied.position)
                .withRecentEntries(batch::knownEntry));
    }

    /** The batch of the event being handled (see {@link ProcessorBatches}), its documents loaded together. */
    private LedgerBatch batch() {
        return ProcessorBatches.current(BATCH, this::prefetched);
    }

    /**
     * After a batch's last event: writes the batch, then pushes the fresh summaries of the partners it changed (from
     * their balance documents, which carry the whole summary; two queries for all of those that do not yet). The
     * processor stores its token only after this, and a failure here propagates, so the whole batch is applied again.
     */
    private void finish(LedgerBatch batch) {
        if (!ProcessorBatches.endOfBatch(BATCH)) {
            return;
        }
        List<LedgerBalanceDocument> watched = batch.flush().stream()
                .filter(this::watched)
                .map(batch::balance)
                .toList();
        if (watched.isEmpty()) {
            return;
        }
        for (EarningsSummary summary : reads.summaries(watched).block()) {
            updateEmitter.emit(FindEarningsSummaryQuery.class,
                    query -> summary.partnerId().equals(query.partnerId()), summary);
        }
    }

    /** A batch with the documents its events will look up already loaded (one query per collection). */
    private LedgerBatch prefetched(List<? extends EventMessage<?>> events) {
        LedgerBatch batch = new LedgerBatch(mongo);
        if (events.size() < 2) {
            return batch;
        }
        Set<String> entryIds = new HashSet<>();
        Set<String> monthIds = new HashSet<>();
        Set<String> partnerIds = new HashSet<>();
        for (EventMessage<?> event : events) {
            Object payload = event.getPayload();
            YearMonth month = YearMonth.from(event.getTimestamp().atZone(ZoneOffset.UTC));
            if (payload instanceof CommissionAccruedEvent accrued) {
                entryIds.add(accrued.entryId());
                monthIds.add(MonthlyEarningsDocument.id(accrued.partnerId(),
                        accrued.amount().currency().getCurrencyCode(), month));
                partnerIds.add(accrued.partnerId());
            } else if (payload instanceof CommissionReleasedEvent released) {
                entryIds.add(released.entryId());
                partnerIds.add(released.partnerId());
            } else if (payload instanceof CommissionReversedEvent reversed) {
                entryIds.add(reversed.entryId());
                entryIds.add(reversed.reversedEntryId());
                monthIds.add(MonthlyEarningsDocument.id(reversed.partnerId(),
                        reversed.amount().currency().getCurrencyCode(), month));
                partnerIds.add(reversed.partnerId());
            } else if (payload instanceof LedgerAdjustedEvent adjusted) {
                entryIds.add(adjusted.entryId());
                monthIds.add(MonthlyEarningsDocument.id(adjusted.partnerId(),
                        adjusted.amount().currency().getCurrencyCode(), month));
                partnerIds.add(adjusted.partnerId());
            } else if (payload instanceof PayoutRecordedEvent payout) {
                if (payout.settledEntryIds() != null) {
                    entryIds.addAll(payout.settledEntryIds());
                }
                partnerIds.add(payout.partnerId());
            }
        }
        batch.prefetch(entryIds, monthIds, partnerIds);
        return batch;
    }

    /**
     * Whether anyone subscribes to this partner's summary. Reading summaries costs two more queries per batch;
     * without this check a replay, or a busy program whose partners have no dashboard open, pays them for every
     * batch (the bench once measured it as the largest share of the projection's time).
     */
    private boolean watched(String partnerId) {
        try {
            return updateEmitter.activeSubscriptions().stream()
                    .anyMatch(subscription -> subscription.getPayload() instanceof FindEarningsSummaryQuery query
                            && partnerId.equals(query.partnerId()));
        } catch (UnsupportedOperationException unknown) {
            return true;
        }
    }

    private static LedgerMovementDocument movement(Applied applied, String partnerId, String entryId,
                                                   MovementType type, EntryKind entryKind, String registrationId,
                                                   Money amount, Money pendingDelta, Money payableDelta,
                                                   Money paidDelta, String text, String reason,
                                                   String reversedEntryId, EntryStatus from, Instant payableAt,
                                                   List<String> settledEntryIds) {
        return new LedgerMovementDocument(LedgerMovementDocument.id(applied.position), applied.eventId,
                applied.position, applied.at, partnerId,
                amount.currency().getCurrencyCode(), entryId, type, entryKind, registrationId, amount, pendingDelta,
                payableDelta, paidDelta, text, reason, applied.actorId, applied.actorRole, applied.causationId,
                applied.correlationId, reversedEntryId, from, payableAt, settledEntryIds);
    }

    /** Where an event stands (its stream's sequence number, its global position, its time) and who caused it. */
    private record Applied(String eventId, long sequence, long position, Instant at, String actorId,
                           String actorRole, String causationId, String correlationId) {

        static Applied of(EventMessage<?> message) {
            if (!(message instanceof TrackedEventMessage<?> tracked) || tracked.trackingToken() == null) {
                throw new IllegalStateException("The " + PROCESSING_GROUP + " processing group needs a streaming "
                        + "event processor: " + message.getPayloadType().getSimpleName() + " came without a tracking token");
            }
            TrackingToken token = tracked.trackingToken();
            long position = token.position().orElseThrow(() -> new IllegalStateException(
                    "Tracking token without a position: " + token));
            long sequence = message instanceof DomainEventMessage<?> domain ? domain.getSequenceNumber() : position;
            MetaData metaData = message.getMetaData();
            return new Applied(message.getIdentifier(), sequence, position, message.getTimestamp(),
                    text(metaData, MetadataKeys.ACTOR_ID), text(metaData, MetadataKeys.ACTOR_ROLE),
                    text(metaData, MetadataKeys.CAUSATION_ID), text(metaData, MetadataKeys.CORRELATION_ID));
        }

        private static String text(MetaData metaData, String key) {
            Object value = metaData.get(key);
            return value == null ? null : Objects.toString(value);
        }
    }
}
