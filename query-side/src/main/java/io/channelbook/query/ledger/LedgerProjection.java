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
import java.util.List;
import java.util.Objects;

/**
 * The ledger read models: movements (one per balance-moving event), entries with their current status and outstanding
 * amount, current balances per partner and currency, and earnings per partner, currency and UTC month. After each
 * applied event the partner's fresh {@link EarningsSummary} is pushed to subscribers of {@link FindEarningsSummaryQuery}.
 * <p>
 * Every balance-moving event comes from the partner's own ledger aggregate, and every document here belongs to one
 * partner, so each document guards itself with the sequence number (in that one stream) of the last event applied
 * to it: a redelivered event changes nothing, and one that a crash interrupted finishes its remaining writes. Global
 * positions (from the tracking token) order movements and version the summary; they are not used as the guard because
 * a gap-filling event store may deliver a lower position after a higher one of another aggregate. This processing
 * group must run in a streaming (tracking or pooled) processor: the global position is part of every movement.
 * <p>
 * Writes go movement, entries, month, balances: the balances document, written last, is what says "applied".
 */
@Component
@ProcessingGroup(LedgerProjection.PROCESSING_GROUP)
public class LedgerProjection {

    public static final String PROCESSING_GROUP = "ledger";

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
        Money zero = Money.zero(event.amount().currency());
        LedgerMovementDocument movement = movement(applied, event.partnerId(), event.entryId(), MovementType.ACCRUED,
                event.kind(), event.registrationId(), event.amount(), event.amount(), zero, zero,
                event.explanation() == null ? null : event.explanation().text(), null, null, null, event.payableAt(),
                null);
        mongo.save(movement).block();
        LedgerEntryDocument existing = entry(event.entryId());
        if (existing == null || !existing.covers(applied.sequence)) {
            mongo.save(new LedgerEntryDocument(event.entryId(), event.partnerId(), event.kind(), EntryStatus.PENDING,
                    event.amount(), event.amount(), event.registrationId(), null, event.earnedOn(), event.period(),
                    applied.at, event.payableAt(), null, applied.actorId, event.explanation(), movement.text(),
                    applied.eventId, applied.causationId, applied.correlationId, applied.position, applied.sequence,
                    List.of())).block();
        }
        earned(movement, applied);
        balances(movement, event.entryId(), applied);
    }

    @EventHandler
    void on(CommissionReleasedEvent event, EventMessage<?> message) {
        Applied applied = Applied.of(message);
        LedgerEntryDocument released = entry(event.entryId());
        Money zero = Money.zero(event.amount().currency());
        LedgerMovementDocument movement = movement(applied, event.partnerId(), event.entryId(), MovementType.RELEASED,
                released == null ? null : released.kind(), released == null ? null : released.registrationId(),
                event.amount(), event.amount().negate(), event.amount(), zero, null, null, null, null, null, null);
        mongo.save(movement).block();
        if (released != null && !released.covers(applied.sequence)) {
            mongo.save(released.withStatus(EntryStatus.PAYABLE, applied.sequence)).block();
            // reversals netted in pending while the entry was held follow it into payable
            for (String reversalId : released.reversalEntryIds() == null ? List.<String>of() : released.reversalEntryIds()) {
                LedgerEntryDocument reversal = entry(reversalId);
                if (reversal != null && !reversal.covers(applied.sequence) && reversal.status() == EntryStatus.PENDING) {
                    mongo.save(reversal.withStatus(EntryStatus.PAYABLE, applied.sequence)).block();
                }
            }
        }
        balances(movement, null, applied);
    }

    @EventHandler
    void on(CommissionReversedEvent event, EventMessage<?> message) {
        Applied applied = Applied.of(message);
        boolean fromPending = event.from() == EntryStatus.PENDING;
        Money zero = Money.zero(event.amount().currency());
        LedgerMovementDocument movement = movement(applied, event.partnerId(), event.entryId(), MovementType.REVERSED,
                EntryKind.REVERSAL, event.registrationId(), event.amount(), fromPending ? event.amount() : zero,
                fromPending ? zero : event.amount(), zero, event.text(), event.reason(), event.reversedEntryId(),
                event.from(), null, null);
        mongo.save(movement).block();
        LedgerEntryDocument reversed = entry(event.reversedEntryId());
        if (reversed != null && !reversed.covers(applied.sequence)) {
            mongo.save(reversed.reversedBy(event.entryId(), event.amount(), applied.sequence)).block();
        }
        LedgerEntryDocument existing = entry(event.entryId());
        if (existing == null || !existing.covers(applied.sequence)) {
            // the netting happens in pending or in payable; a reversal of a paid entry is netted in payable
            EntryStatus status = fromPending ? EntryStatus.PENDING : EntryStatus.PAYABLE;
            mongo.save(new LedgerEntryDocument(event.entryId(), event.partnerId(), EntryKind.REVERSAL, status,
                    event.amount(), event.amount(), event.registrationId(), event.reversedEntryId(),
                    reversed == null ? null : reversed.earnedOn(), reversed == null ? null : reversed.period(),
                    applied.at, null, event.reason(), applied.actorId, null, event.text(), applied.eventId,
                    applied.causationId, applied.correlationId, applied.position, applied.sequence, List.of())).block();
        }
        earned(movement, applied);
        balances(movement, event.entryId(), applied);
    }

    @EventHandler
    void on(LedgerAdjustedEvent event, EventMessage<?> message) {
        Applied applied = Applied.of(message);
        Money zero = Money.zero(event.amount().currency());
        LedgerMovementDocument movement = movement(applied, event.partnerId(), event.entryId(), MovementType.ADJUSTED,
                EntryKind.ADJUSTMENT, null, event.amount(), zero, event.amount(), zero, null, event.reason(), null,
                null, null, null);
        mongo.save(movement).block();
        LedgerEntryDocument existing = entry(event.entryId());
        if (existing == null || !existing.covers(applied.sequence)) {
            mongo.save(new LedgerEntryDocument(event.entryId(), event.partnerId(), EntryKind.ADJUSTMENT,
                    EntryStatus.PAYABLE, event.amount(), event.amount(), null, null,
                    applied.at.atZone(ZoneOffset.UTC).toLocalDate(), null, applied.at, applied.at, event.reason(),
                    applied.actorId, null, null, applied.eventId, applied.causationId, applied.correlationId,
                    applied.position, applied.sequence, List.of())).block();
        }
        earned(movement, applied);
        balances(movement, event.entryId(), applied);
    }

    @EventHandler
    void on(PayoutRecordedEvent event, EventMessage<?> message) {
        Applied applied = Applied.of(message);
        Money zero = Money.zero(event.amount().currency());
        String text = "Payout " + event.payoutId()
                + (event.reference() == null ? "" : ", reference " + event.reference())
                + (event.paidOn() == null ? "" : ", paid on " + event.paidOn());
        List<String> settled = event.settledEntryIds() == null ? List.of() : event.settledEntryIds();
        LedgerMovementDocument movement = movement(applied, event.partnerId(), event.payoutId(), MovementType.PAID,
                null, null, event.amount(), zero, event.amount().negate(), event.amount(), text, null, null, null,
                null, settled);
        mongo.save(movement).block();
        for (String entryId : settled) {
            LedgerEntryDocument entry = entry(entryId);
            if (entry != null && !entry.covers(applied.sequence)) {
                mongo.save(entry.withStatus(EntryStatus.PAID, applied.sequence)).block();
            }
        }
        balances(movement, null, applied);
    }

    @ResetHandler
    void reset() {
        mongo.dropCollection(LedgerMovementDocument.class)
                .then(mongo.dropCollection(LedgerEntryDocument.class))
                .then(mongo.dropCollection(LedgerBalanceDocument.class))
                .then(mongo.dropCollection(MonthlyEarningsDocument.class))
                .block();
    }

    private LedgerEntryDocument entry(String entryId) {
        return entryId == null ? null : mongo.findById(entryId, LedgerEntryDocument.class).block();
    }

    /** Accruals, reversals and adjustments count toward the month (UTC) the event was recorded in. */
    private void earned(LedgerMovementDocument movement, Applied applied) {
        String month = YearMonth.from(applied.at.atZone(ZoneOffset.UTC)).toString();
        String id = MonthlyEarningsDocument.id(movement.partnerId(), movement.currency(),
                YearMonth.from(applied.at.atZone(ZoneOffset.UTC)));
        MonthlyEarningsDocument current = mongo.findById(id, MonthlyEarningsDocument.class).block();
        if (current != null && current.lastSequence() >= applied.sequence) {
            return;
        }
        long earned = (current == null ? 0 : current.earned()) + movement.amount().amountMinor();
        mongo.save(new MonthlyEarningsDocument(id, movement.partnerId(), movement.currency(), month,
                earned, applied.sequence)).block();
    }

    private void balances(LedgerMovementDocument movement, String newEntryId, Applied applied) {
        String partnerId = movement.partnerId();
        LedgerBalanceDocument current = mongo.findById(partnerId, LedgerBalanceDocument.class).block();
        if (current == null) {
            current = LedgerBalanceDocument.empty(partnerId);
        } else if (current.covers(applied.sequence)) {
            return;
        }
        mongo.save(current.apply(movement, newEntryId, applied.sequence, applied.position)).block();
        if (watched(partnerId)) {
            EarningsSummary summary = reads.summary(partnerId).block();
            updateEmitter.emit(FindEarningsSummaryQuery.class, query -> partnerId.equals(query.partnerId()), summary);
        }
    }

    /**
     * Whether anyone subscribes to this partner's summary. Reading the summary costs three more round trips per
     * event; without this check a replay, or a busy program whose partners have no dashboard open, pays them for
     * every event (the bench measured it as the largest share of the projection's time).
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
        return new LedgerMovementDocument(applied.eventId, applied.position, applied.at, partnerId,
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
