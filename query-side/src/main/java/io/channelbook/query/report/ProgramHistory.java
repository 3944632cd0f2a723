package io.channelbook.query.report;

import io.channelbook.api.deal.ConflictResolution;
import io.channelbook.api.deal.DealAmountChangedEvent;
import io.channelbook.api.deal.DealClosedLostEvent;
import io.channelbook.api.deal.DealClosedWonEvent;
import io.channelbook.api.deal.DealConflictResolvedEvent;
import io.channelbook.api.deal.DealRefundedEvent;
import io.channelbook.api.deal.DealRegistrationApprovedEvent;
import io.channelbook.api.deal.DealRegistrationConflictedEvent;
import io.channelbook.api.deal.DealRegistrationExpiredEvent;
import io.channelbook.api.deal.DealRegistrationRejectedEvent;
import io.channelbook.api.deal.DealRegistrationSubmittedEvent;
import io.channelbook.api.deal.DealStatus;
import io.channelbook.api.deal.DealTouch;
import io.channelbook.api.deal.LineItem;
import io.channelbook.api.deal.TouchType;
import io.channelbook.api.ledger.CommissionAccruedEvent;
import io.channelbook.api.ledger.CommissionReversedEvent;
import io.channelbook.api.ledger.LedgerAdjustedEvent;
import io.channelbook.api.money.Money;
import io.channelbook.api.partner.PartnerRegisteredEvent;
import io.channelbook.api.partner.PartnerTierChangedEvent;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The reports' own fold of the event history: partners (name, tier), deal registrations (stage, estimated value,
 * products, and once won: amount, close date, line items, credited touches and their partners' tiers at that moment,
 * refunds) and commission movements. It is independent of the live read models, so a report is a function of the
 * events alone. Not thread-safe: one replay folds into one instance.
 * <p>
 * Commission movements: accruals of every kind count on their {@code earnedOn}; a reversal counts on the day its
 * reversed entry was earned (so a refund lowers the cost of the period the commission belonged to); an adjustment on
 * the UTC day it was recorded. Share allocations are not counted: the receiving ledger books them as accruals.
 */
final class ProgramHistory {

    /** The payload types the fold reads; a replay deserializes nothing else. */
    static final Set<Class<?>> EVENT_TYPES = Set.of(PartnerRegisteredEvent.class, PartnerTierChangedEvent.class,
            DealRegistrationSubmittedEvent.class, DealRegistrationConflictedEvent.class,
            DealRegistrationApprovedEvent.class, DealRegistrationRejectedEvent.class,
            DealRegistrationExpiredEvent.class, DealConflictResolvedEvent.class, DealClosedWonEvent.class,
            DealClosedLostEvent.class, DealAmountChangedEvent.class, DealRefundedEvent.class,
            CommissionAccruedEvent.class, CommissionReversedEvent.class, LedgerAdjustedEvent.class);

    enum MovementKind { ACCRUED, REVERSED, ADJUSTED }

    record Movement(String partnerId, MovementKind kind, Money amount, LocalDate date) {
    }

    static final class Partner {
        final String partnerId;
        String name;
        String tier;

        Partner(String partnerId) {
            this.partnerId = partnerId;
        }
    }

    static final class Deal {
        final String registrationId;
        final String registrantId;
        final Money estimatedValue;
        final List<String> products;
        DealStatus status;
        Money amount;
        Money refunded;
        LocalDate closeDate;
        List<LineItem> lineItems = List.of();
        List<DealTouch> credited = List.of();
        /** Each credited partner's tier when the deal was won (null values for no tier). */
        final Map<String, String> tiersAtClose = new HashMap<>();

        Deal(String registrationId, String registrantId, Money estimatedValue, List<String> products,
             DealStatus status) {
            this.registrationId = registrationId;
            this.registrantId = registrantId;
            this.estimatedValue = estimatedValue;
            this.products = products == null ? List.of() : List.copyOf(products);
            this.status = status;
        }

        boolean won() {
            return status == DealStatus.CLOSED_WON && amount != null;
        }

        /** Won amount less refunds. */
        Money net() {
            return refunded == null ? amount : amount.minus(refunded);
        }

        /** The period of close, yyyy-MM. */
        String period() {
            return closeDate.toString().substring(0, 7);
        }
    }

    final Map<String, Partner> partners = new LinkedHashMap<>();
    final Map<String, Deal> deals = new LinkedHashMap<>();
    final List<Movement> movements = new ArrayList<>();
    private final Map<String, LocalDate> earnedOnByEntry = new HashMap<>();

    Partner partner(String partnerId) {
        return partners.computeIfAbsent(partnerId, Partner::new);
    }

    String tierOf(String partnerId) {
        Partner partner = partners.get(partnerId);
        return partner == null ? null : partner.tier;
    }

    String nameOf(String partnerId) {
        Partner partner = partners.get(partnerId);
        return partner == null ? null : partner.name;
    }

    /** Folds one event; {@code recordedAt} is its timestamp. Payloads of other types are ignored. */
    void apply(Object payload, Instant recordedAt) {
        if (payload instanceof PartnerRegisteredEvent registered) {
            partner(registered.partnerId()).name = registered.legalName();
        } else if (payload instanceof PartnerTierChangedEvent tierChanged) {
            partner(tierChanged.partnerId()).tier = tierChanged.tier();
        } else if (payload instanceof DealRegistrationSubmittedEvent submitted) {
            deals.put(submitted.registrationId(), new Deal(submitted.registrationId(), submitted.partnerId(),
                    submitted.estimatedValue(), submitted.products(), DealStatus.SUBMITTED));
        } else if (payload instanceof DealRegistrationConflictedEvent conflicted) {
            deals.put(conflicted.registrationId(), new Deal(conflicted.registrationId(), conflicted.partnerId(),
                    conflicted.estimatedValue(), conflicted.products(), DealStatus.CONFLICT));
        } else if (payload instanceof DealRegistrationApprovedEvent approved) {
            status(approved.registrationId(), DealStatus.APPROVED);
        } else if (payload instanceof DealRegistrationRejectedEvent rejected) {
            status(rejected.registrationId(), DealStatus.REJECTED);
        } else if (payload instanceof DealRegistrationExpiredEvent expired) {
            status(expired.registrationId(), DealStatus.EXPIRED);
        } else if (payload instanceof DealClosedLostEvent lost) {
            status(lost.registrationId(), DealStatus.CLOSED_LOST);
        } else if (payload instanceof DealConflictResolvedEvent resolved) {
            if (resolved.resolution() != ConflictResolution.KEEP_FIRST) {
                status(resolved.registrationId(), DealStatus.SUBMITTED);
            }
        } else if (payload instanceof DealClosedWonEvent won) {
            won(won);
        } else if (payload instanceof DealAmountChangedEvent changed) {
            Deal deal = deals.get(changed.registrationId());
            if (deal != null) {
                deal.amount = changed.newAmount();
            }
        } else if (payload instanceof DealRefundedEvent refunded) {
            Deal deal = deals.get(refunded.registrationId());
            if (deal != null) {
                deal.refunded = refunded.totalRefunded();
            }
        } else if (payload instanceof CommissionAccruedEvent accrued) {
            earnedOnByEntry.put(accrued.entryId(), accrued.earnedOn());
            movements.add(new Movement(accrued.partnerId(), MovementKind.ACCRUED, accrued.amount(),
                    accrued.earnedOn() == null ? day(recordedAt) : accrued.earnedOn()));
        } else if (payload instanceof CommissionReversedEvent reversed) {
            movements.add(new Movement(reversed.partnerId(), MovementKind.REVERSED, reversed.amount(),
                    earnedOnByEntry.getOrDefault(reversed.reversedEntryId(), day(recordedAt))));
        } else if (payload instanceof LedgerAdjustedEvent adjusted) {
            movements.add(new Movement(adjusted.partnerId(), MovementKind.ADJUSTED, adjusted.amount(),
                    day(recordedAt)));
        }
    }

    private void won(DealClosedWonEvent won) {
        Deal deal = deals.computeIfAbsent(won.registrationId(),
                id -> new Deal(id, won.partnerId(), null, List.of(), DealStatus.APPROVED));
        deal.status = DealStatus.CLOSED_WON;
        deal.amount = won.amount();
        deal.refunded = null;
        deal.closeDate = won.closeDate();
        deal.lineItems = won.lineItems() == null ? List.of() : List.copyOf(won.lineItems());
        List<DealTouch> credited = won.acceptedTouches() == null || won.acceptedTouches().isEmpty()
                ? List.of(new DealTouch("sourced", won.partnerId(), TouchType.SOURCED, null, true))
                : List.copyOf(won.acceptedTouches());
        deal.credited = credited;
        credited.forEach(touch -> deal.tiersAtClose.put(touch.partnerId(), tierOf(touch.partnerId())));
    }

    private void status(String registrationId, DealStatus status) {
        Deal deal = deals.get(registrationId);
        if (deal != null) {
            deal.status = status;
        }
    }

    private static LocalDate day(Instant instant) {
        return instant == null ? null : LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }
}
