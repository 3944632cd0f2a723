package io.channelbook.command.deal;

import io.channelbook.api.deal.AcceptPartnerTouchCommand;
import io.channelbook.api.deal.ApproveDealRegistrationCommand;
import io.channelbook.api.deal.ChangeDealAmountCommand;
import io.channelbook.api.deal.CloseDealLostCommand;
import io.channelbook.api.deal.CloseDealWonCommand;
import io.channelbook.api.deal.CloseSource;
import io.channelbook.api.deal.ConflictResolution;
import io.channelbook.api.deal.CrmOpportunityLinkedEvent;
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
import io.channelbook.api.deal.DecideProtectionExtensionCommand;
import io.channelbook.api.deal.LineItem;
import io.channelbook.api.deal.LinkCrmOpportunityCommand;
import io.channelbook.api.deal.LogPartnerTouchCommand;
import io.channelbook.api.deal.PartnerTouchAcceptedEvent;
import io.channelbook.api.deal.PartnerTouchLoggedEvent;
import io.channelbook.api.deal.ProtectionExpiryRemindedEvent;
import io.channelbook.api.deal.ProtectionExtendedEvent;
import io.channelbook.api.deal.ProtectionExtensionDeniedEvent;
import io.channelbook.api.deal.ProtectionExtensionRequestedEvent;
import io.channelbook.api.deal.RefundDealCommand;
import io.channelbook.api.deal.RejectDealRegistrationCommand;
import io.channelbook.api.deal.ReportBillingPeriodCommand;
import io.channelbook.api.deal.RequestProtectionExtensionCommand;
import io.channelbook.api.deal.SubmitDealRegistrationCommand;
import io.channelbook.api.deal.SubscriptionPeriodBilledEvent;
import io.channelbook.api.deal.TouchType;
import io.channelbook.api.money.Money;
import io.channelbook.command.DomainRuleViolation;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import io.channelbook.command.infrastructure.AggregateCaches;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One partner's registration of a deal with a customer, from submission to its end, and the protection window it
 * earns when approved.
 * <p>
 * It is created by {@link DealSubmissionHandler} together with its customer's claim, {@code SUBMITTED} when it holds
 * the customer and {@code CONFLICT} when another registration does. Protection deadlines (a reminder before the
 * window ends, the expiry when it ends) go through whatever {@link DeadlineManager} the runtime configures, so a
 * durable one keeps them across restarts.
 */
@Aggregate(cache = AggregateCaches.DEAL_REGISTRATIONS)
class DealRegistration {

    static final String REMINDER_DEADLINE = "deal-protection-reminder";
    static final String EXPIRY_DEADLINE = "deal-protection-expiry";
    /** Reason code of a contester rejected because a manager kept the first registration. */
    static final String CONFLICT_LOST = "CONFLICT_LOST";
    /** Reason code of a holder rejected because a manager moved its protection to a contester. */
    static final String PROTECTION_TRANSFERRED = "PROTECTION_TRANSFERRED";
    /** Ten years: any window or extension longer than that is a typing mistake. */
    private static final int MAX_DAYS = 3650;

    @AggregateIdentifier
    private String registrationId;
    private String partnerId;
    private String customerDomain;
    private DealStatus status;
    private String holderRegistrationId;
    private Instant protectedUntil;
    private int reminderDaysBefore;
    private Instant remindedFor;
    private Integer requestedExtensionDays;
    private String crmOpportunityId;
    private Money wonAmount;
    private Money refundedTotal;
    private final Set<String> refundReferences = new HashSet<>();
    private final Map<String, Touch> touches = new LinkedHashMap<>();
    private LocalDate closeDate;
    private List<String> creditedPartnerIds = List.of();
    private final Map<String, LineItem> recurringLines = new HashMap<>();
    private final Set<String> billedPeriods = new HashSet<>();

    DealRegistration() {
        // for Axon's event sourcing
    }

    /** A registration its customer's claim has just recorded; the command passed {@link DealSubmissionPolicy}. */
    DealRegistration(SubmitDealRegistrationCommand command, ClaimOutcome claim) {
        String notes = command.notes() == null || command.notes().isBlank() ? null : command.notes().strip();
        String crmId = command.crmOpportunityId() == null || command.crmOpportunityId().isBlank()
                ? null : command.crmOpportunityId().strip();
        List<String> products = command.products().stream().map(String::strip).toList();
        if (claim.holds()) {
            apply(new DealRegistrationSubmittedEvent(command.registrationId(), command.partnerId(),
                    command.customerName().strip(), command.customerDomain(), command.customerCountry(),
                    command.customerContact(), products, command.estimatedValue(), command.expectedCloseDate(), notes,
                    crmId));
        } else {
            apply(new DealRegistrationConflictedEvent(command.registrationId(), command.partnerId(),
                    command.customerName().strip(), command.customerDomain(), command.customerCountry(),
                    command.customerContact(), products, command.estimatedValue(), command.expectedCloseDate(), notes,
                    crmId, claim.holderRegistrationId(), claim.holderPartnerId()));
        }
    }

    // --- review -------------------------------------------------------------------------------------------------

    @CommandHandler
    void handle(ApproveDealRegistrationCommand command, DeadlineManager deadlineManager, Clock clock,
                ProtectionWindowLookup windows) {
        if (command.protectionDays() < 1 || command.protectionDays() > MAX_DAYS) {
            throw DomainRuleViolation.invalid("protection_days_invalid",
                    "Protection runs 1 to " + MAX_DAYS + " days, got " + command.protectionDays());
        }
        if (command.reminderDaysBefore() < 0) {
            throw DomainRuleViolation.invalid("reminder_days_invalid",
                    "The reminder comes zero or more days before protection ends, got " + command.reminderDaysBefore());
        }
        if (status == DealStatus.CONFLICT) {
            throw DomainRuleViolation.conflict("deal_in_conflict",
                    "Deal " + registrationId + " is in conflict with an earlier registration: resolve the conflict first");
        }
        if (status == DealStatus.APPROVED) {
            throw DomainRuleViolation.conflict("deal_already_approved", "Deal " + registrationId + " is already approved");
        }
        requireOpen();
        int days = command.programDefault()
                ? windows.windowFor(partnerId).orElse(command.protectionDays()) : command.protectionDays();
        // whole seconds: the window's end travels in deadline payloads and must compare equal after any serializer
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        apply(new DealRegistrationApprovedEvent(registrationId, partnerId, customerDomain,
                now.plus(Duration.ofDays(days)), command.reminderDaysBefore()));
        scheduleProtectionDeadlines(deadlineManager, now);
    }

    @CommandHandler
    void handle(RejectDealRegistrationCommand command) {
        if (blank(command.reasonCode())) {
            throw DomainRuleViolation.invalid("reason_code_required", "A rejection needs a reason code");
        }
        requireReason(command.reason());
        if (status == DealStatus.APPROVED) {
            throw DomainRuleViolation.conflict("deal_already_approved",
                    "Deal " + registrationId + " is approved: close it as lost instead of rejecting it");
        }
        requireOpen();
        // only approved registrations have protection deadlines, and those are not rejected: nothing to cancel
        apply(new DealRegistrationRejectedEvent(registrationId, partnerId, customerDomain,
                command.reasonCode().strip(), command.reason().strip()));
    }

    // --- protection window --------------------------------------------------------------------------------------

    /** Another partner's registration answers as unknown: a partner learns nothing about deals that are not its own. */
    @CommandHandler
    void handle(RequestProtectionExtensionCommand command, Clock clock) {
        if (!partnerId.equals(command.partnerId())) {
            throw DomainRuleViolation.notFound("deal_not_found", "No deal with id " + registrationId);
        }
        requireExtensionDays(command.additionalDays());
        requireReason(command.reason());
        requireApproved();
        requireProtectedAt(clock.instant());
        if (requestedExtensionDays != null) {
            throw DomainRuleViolation.conflict("extension_already_requested", "Deal " + registrationId
                    + " already has an extension request of " + requestedExtensionDays + " days awaiting a decision");
        }
        apply(new ProtectionExtensionRequestedEvent(registrationId, partnerId, command.additionalDays(),
                command.reason().strip()));
    }

    @CommandHandler
    void handle(DecideProtectionExtensionCommand command, DeadlineManager deadlineManager, Clock clock) {
        requireReason(command.reason());
        requireApproved();
        if (requestedExtensionDays == null) {
            throw DomainRuleViolation.conflict("no_extension_requested",
                    "Deal " + registrationId + " has no extension request to decide");
        }
        if (!command.granted()) {
            apply(new ProtectionExtensionDeniedEvent(registrationId, partnerId, command.reason().strip()));
            return;
        }
        int days = command.days() == null ? requestedExtensionDays : command.days();
        requireExtensionDays(days);
        Instant now = clock.instant();
        requireProtectedAt(now);
        apply(new ProtectionExtendedEvent(registrationId, partnerId, protectedUntil.plus(Duration.ofDays(days)),
                command.reason().strip()));
        cancelProtectionDeadlines(deadlineManager);
        scheduleProtectionDeadlines(deadlineManager, now);
    }

    @DeadlineHandler(deadlineName = REMINDER_DEADLINE)
    void remind(ProtectionReminderDue due) {
        if (status == DealStatus.APPROVED && due.protectedUntil().equals(protectedUntil)
                && !protectedUntil.equals(remindedFor)) {
            apply(new ProtectionExpiryRemindedEvent(registrationId, partnerId, protectedUntil));
        }
    }

    /** Only the deadline of the current window expires it: one left over from before an extension is ignored. */
    @DeadlineHandler(deadlineName = EXPIRY_DEADLINE)
    void expire(ProtectionExpiryDue due) {
        if (status == DealStatus.APPROVED && due.protectedUntil().equals(protectedUntil)) {
            apply(new DealRegistrationExpiredEvent(registrationId, partnerId, customerDomain));
        }
    }

    // --- close-out ----------------------------------------------------------------------------------------------

    @CommandHandler
    void handle(CloseDealWonCommand command, DeadlineManager deadlineManager) {
        requireSource(command.source());
        CloseWonPolicy.check(command.amount(), command.closeDate(), command.lineItems());
        if (status == DealStatus.SUBMITTED || status == DealStatus.CONFLICT) {
            throw DomainRuleViolation.conflict("close_before_approval",
                    "Deal " + registrationId + " is " + status + ": only an approved registration can be won");
        }
        requireOpen();
        apply(new DealClosedWonEvent(registrationId, partnerId, customerDomain, command.amount(), command.closeDate(),
                command.lineItems() == null ? List.of() : List.copyOf(command.lineItems()), command.source(),
                acceptedTouches()));
        cancelProtectionDeadlines(deadlineManager);
    }

    @CommandHandler
    void handle(CloseDealLostCommand command, DeadlineManager deadlineManager) {
        requireSource(command.source());
        requireReason(command.reason());
        requireOpen();
        apply(new DealClosedLostEvent(registrationId, partnerId, customerDomain, command.reason().strip(),
                command.source()));
        cancelProtectionDeadlines(deadlineManager);
    }

    /** The same amount again changes nothing: CRMs resend opportunities whose amount did not move. */
    @CommandHandler
    void handle(ChangeDealAmountCommand command) {
        requireSource(command.source());
        CloseWonPolicy.requirePositive(command.newAmount());
        requireWon();
        CloseWonPolicy.requireCurrency(command.newAmount(), wonAmount);
        if (command.newAmount().equals(wonAmount)) {
            return;
        }
        if (command.newAmount().compareTo(refundedTotal) < 0) {
            throw DomainRuleViolation.ruleViolated("amount_below_refunds", "Deal " + registrationId
                    + " has refunds of " + refundedTotal + " already, more than the new amount " + command.newAmount());
        }
        apply(new DealAmountChangedEvent(registrationId, partnerId, wonAmount, command.newAmount(), command.source(),
                refundedTotal, creditedPartnerIds));
    }

    /** A refund's reference is its identity: the same refund reported twice must not be subtracted twice. */
    @CommandHandler
    void handle(RefundDealCommand command) {
        requireSource(command.source());
        CloseWonPolicy.requirePositive(command.refunded());
        if (blank(command.reference())) {
            throw DomainRuleViolation.invalid("reference_required", "A refund needs the reference of the refund");
        }
        requireWon();
        CloseWonPolicy.requireCurrency(command.refunded(), wonAmount);
        String reference = command.reference().strip();
        if (refundReferences.contains(reference)) {
            throw DomainRuleViolation.conflict("refund_already_recorded",
                    "Refund " + reference + " of deal " + registrationId + " is already recorded");
        }
        Money total = refundedTotal.plus(command.refunded());
        if (total.compareTo(wonAmount) > 0) {
            throw DomainRuleViolation.ruleViolated("refund_exceeds_amount", "Refunding " + command.refunded()
                    + " would refund " + total + " of a deal worth " + wonAmount);
        }
        apply(new DealRefundedEvent(registrationId, partnerId, command.refunded(), total, reference, command.source(),
                wonAmount, creditedPartnerIds));
    }

    /**
     * One billed period of a recurring line. Each period is reported once (a repeat is refused), within the line's
     * term, in the deal's currency.
     */
    @CommandHandler
    void handle(ReportBillingPeriodCommand command) {
        requireSource(command.source());
        requireWon();
        LineItem line = command.product() == null ? null : recurringLines.get(command.product().strip());
        if (line == null) {
            throw DomainRuleViolation.invalid("recurring_line_unknown", "Deal " + registrationId
                    + " has no recurring line for product " + command.product());
        }
        if (command.periodNumber() < 1 || command.periodNumber() > line.termMonths()) {
            throw DomainRuleViolation.invalid("billing_period_invalid", "Product " + line.product()
                    + " is billed for periods 1 to " + line.termMonths() + ", got " + command.periodNumber());
        }
        CloseWonPolicy.requirePositive(command.billed());
        CloseWonPolicy.requireCurrency(command.billed(), wonAmount);
        if (command.billedOn() == null) {
            throw DomainRuleViolation.invalid("billed_on_required", "A billing period needs the date it was billed");
        }
        if (billedPeriods.contains(line.product() + "#" + command.periodNumber())) {
            throw DomainRuleViolation.conflict("billing_period_already_reported", "Period " + command.periodNumber()
                    + " of " + line.product() + " on deal " + registrationId + " is already reported");
        }
        apply(new SubscriptionPeriodBilledEvent(registrationId, partnerId, line.product(), command.periodNumber(),
                command.billed(), closeDate, command.billedOn(), command.source()));
    }

    @CommandHandler
    void handle(LinkCrmOpportunityCommand command) {
        if (blank(command.crmOpportunityId())) {
            throw DomainRuleViolation.invalid("crm_opportunity_id_required", "A CRM opportunity id is required");
        }
        requireOpenOrWon();
        String crmId = command.crmOpportunityId().strip();
        if (!crmId.equals(crmOpportunityId)) {
            apply(new CrmOpportunityLinkedEvent(registrationId, crmId));
        }
    }

    // --- partner touches ----------------------------------------------------------------------------------------

    /**
     * Another partner's part in the deal. The registrant is the sourcing partner by definition, so nobody logs a
     * sourced touch and the registrant logs none. Touches are taken while the deal is open and after it is won
     * (services partners often deliver after the sale), not once it is rejected, lost or expired.
     */
    @CommandHandler
    void handle(LogPartnerTouchCommand command) {
        if (blank(command.touchId())) {
            throw DomainRuleViolation.invalid("touch_id_required", "A touch id is required");
        }
        if (blank(command.partnerId())) {
            throw DomainRuleViolation.invalid("partner_id_required", "The touching partner is required");
        }
        if (command.type() == null) {
            throw DomainRuleViolation.invalid("touch_type_required", "A touch type (INFLUENCED, DELIVERED) is required");
        }
        if (command.type() == TouchType.SOURCED) {
            throw DomainRuleViolation.ruleViolated("sourced_touch_not_allowed",
                    "The registering partner is the deal's sourcing partner; log INFLUENCED or DELIVERED instead");
        }
        if (command.type() == TouchType.INFLUENCED && blank(command.evidence())) {
            throw DomainRuleViolation.invalid("evidence_required", "An influence touch needs its evidence");
        }
        if (partnerId.equals(command.partnerId())) {
            throw DomainRuleViolation.ruleViolated("touch_by_registrant",
                    "Partner " + partnerId + " registered deal " + registrationId + " and sourced it already");
        }
        requireOpenOrWon();
        if (touches.containsKey(command.touchId())) {
            throw DomainRuleViolation.conflict("touch_already_logged",
                    "Touch " + command.touchId() + " of deal " + registrationId + " is already logged");
        }
        if (touches.values().stream().anyMatch(touch -> touch.partnerId().equals(command.partnerId())
                && touch.type() == command.type())) {
            throw DomainRuleViolation.conflict("touch_already_logged", "Partner " + command.partnerId()
                    + " already has a " + command.type() + " touch on deal " + registrationId);
        }
        String evidence = blank(command.evidence()) ? null : command.evidence().strip();
        apply(new PartnerTouchLoggedEvent(registrationId, command.touchId(), command.partnerId(), command.type(),
                evidence, command.type() == TouchType.DELIVERED));
    }

    @CommandHandler
    void handle(AcceptPartnerTouchCommand command) {
        Touch touch = command.touchId() == null ? null : touches.get(command.touchId());
        if (touch == null) {
            throw DomainRuleViolation.notFound("touch_not_found",
                    "Deal " + registrationId + " has no touch " + command.touchId());
        }
        requireOpenOrWon();
        if (touch.accepted()) {
            throw DomainRuleViolation.conflict("touch_already_accepted",
                    "Touch " + command.touchId() + " of deal " + registrationId + " is already accepted");
        }
        apply(new PartnerTouchAcceptedEvent(registrationId, command.touchId(), touch.partnerId(), touch.type()));
    }

    // --- for DealSubmissionHandler: conflicts and the customer's claim ------------------------------------------

    String partnerId() {
        return partnerId;
    }

    String customerDomain() {
        return customerDomain;
    }

    boolean inConflict() {
        return status == DealStatus.CONFLICT;
    }

    /** The holder this registration found when it was recorded in conflict. */
    String recordedHolderRegistrationId() {
        return holderRegistrationId;
    }

    /**
     * Why this registration no longer protects its customer at {@code now}, or empty while it does: under review, or
     * approved with time left. A window that has run out counts as ended even before its expiry deadline fires, so
     * a late scheduler never keeps a customer protected.
     */
    Optional<String> protectionEndedAt(Instant now) {
        return switch (status) {
            case SUBMITTED -> Optional.empty();
            case APPROVED -> protectedUntil.isAfter(now) ? Optional.empty() : Optional.of(DealStatus.EXPIRED.name());
            default -> Optional.of(status.name());
        };
    }

    /** Only a registration in conflict has a conflict to resolve. */
    void requireInConflict() {
        if (status != DealStatus.CONFLICT) {
            throw DomainRuleViolation.conflict("deal_not_in_conflict",
                    "Deal " + registrationId + " is " + status + ", not in conflict");
        }
    }

    /** A manager settled this registration's conflict with the holder of its customer. */
    void resolveConflict(ConflictResolution resolution, String holder, String reason) {
        requireInConflict();
        apply(new DealConflictResolvedEvent(registrationId, partnerId, holder, resolution, reason));
        if (resolution == ConflictResolution.KEEP_FIRST) {
            apply(new DealRegistrationRejectedEvent(registrationId, partnerId, customerDomain, CONFLICT_LOST, reason));
        }
    }

    /** This holder's protection moves to a contester: it is rejected, approved or not. */
    void surrenderProtection(String reason, DeadlineManager deadlineManager) {
        if (status != DealStatus.SUBMITTED && status != DealStatus.APPROVED) {
            throw new IllegalStateException("Deal " + registrationId + " is " + status + " and protects nothing");
        }
        apply(new DealRegistrationRejectedEvent(registrationId, partnerId, customerDomain, PROTECTION_TRANSFERRED,
                reason));
        cancelProtectionDeadlines(deadlineManager);
    }

    // --- rules --------------------------------------------------------------------------------------------------

    private void scheduleProtectionDeadlines(DeadlineManager deadlineManager, Instant now) {
        if (reminderDaysBefore > 0) {
            Instant remindAt = protectedUntil.minus(Duration.ofDays(reminderDaysBefore));
            if (remindAt.isAfter(now)) {
                deadlineManager.schedule(remindAt, REMINDER_DEADLINE,
                        new ProtectionReminderDue(registrationId, protectedUntil));
            }
        }
        deadlineManager.schedule(protectedUntil, EXPIRY_DEADLINE, new ProtectionExpiryDue(registrationId, protectedUntil));
    }

    private static void cancelProtectionDeadlines(DeadlineManager deadlineManager) {
        deadlineManager.cancelAllWithinScope(REMINDER_DEADLINE);
        deadlineManager.cancelAllWithinScope(EXPIRY_DEADLINE);
    }

    /** Rejected, won, lost and expired registrations take no further review or close. */
    private void requireOpen() {
        if (!status.isOpen()) {
            throw DomainRuleViolation.conflict("deal_already_closed", "Deal " + registrationId + " is already " + status);
        }
    }

    private void requireOpenOrWon() {
        if (status != DealStatus.CLOSED_WON) {
            requireOpen();
        }
    }

    private void requireApproved() {
        if (status != DealStatus.APPROVED) {
            throw DomainRuleViolation.conflict("deal_not_approved",
                    "Deal " + registrationId + " is " + status + ": only an approved registration has protection");
        }
    }

    private void requireProtectedAt(Instant now) {
        if (!protectedUntil.isAfter(now)) {
            throw DomainRuleViolation.conflict("protection_ended",
                    "The protection of deal " + registrationId + " ended at " + protectedUntil);
        }
    }

    private void requireWon() {
        if (status != DealStatus.CLOSED_WON) {
            throw DomainRuleViolation.conflict("deal_not_won",
                    "Deal " + registrationId + " is " + status + ": amounts and refunds apply to won deals only");
        }
    }

    private static void requireExtensionDays(int days) {
        if (days < 1 || days > MAX_DAYS) {
            throw DomainRuleViolation.invalid("extension_days_invalid",
                    "An extension adds 1 to " + MAX_DAYS + " days, got " + days);
        }
    }

    private static void requireReason(String reason) {
        if (blank(reason)) {
            throw DomainRuleViolation.invalid("reason_required", "A reason is required");
        }
    }

    private static void requireSource(CloseSource source) {
        if (source == null) {
            throw DomainRuleViolation.invalid("source_required", "The source (CRM or MANUAL) is required");
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    // --- state --------------------------------------------------------------------------------------------------

    @EventSourcingHandler
    void on(DealRegistrationSubmittedEvent event) {
        registrationId = event.registrationId();
        partnerId = event.partnerId();
        customerDomain = event.customerDomain();
        crmOpportunityId = event.crmOpportunityId();
        status = DealStatus.SUBMITTED;
    }

    @EventSourcingHandler
    void on(DealRegistrationConflictedEvent event) {
        registrationId = event.registrationId();
        partnerId = event.partnerId();
        customerDomain = event.customerDomain();
        crmOpportunityId = event.crmOpportunityId();
        holderRegistrationId = event.holderRegistrationId();
        status = DealStatus.CONFLICT;
    }

    @EventSourcingHandler
    void on(DealConflictResolvedEvent event) {
        if (event.resolution() != ConflictResolution.KEEP_FIRST) {
            status = DealStatus.SUBMITTED;
        }
    }

    @EventSourcingHandler
    void on(DealRegistrationApprovedEvent event) {
        status = DealStatus.APPROVED;
        protectedUntil = event.protectedUntil();
        reminderDaysBefore = event.reminderDaysBefore();
    }

    @EventSourcingHandler
    void on(DealRegistrationRejectedEvent event) {
        status = DealStatus.REJECTED;
    }

    @EventSourcingHandler
    void on(ProtectionExtensionRequestedEvent event) {
        requestedExtensionDays = event.additionalDays();
    }

    @EventSourcingHandler
    void on(ProtectionExtendedEvent event) {
        protectedUntil = event.protectedUntil();
        requestedExtensionDays = null;
    }

    @EventSourcingHandler
    void on(ProtectionExtensionDeniedEvent event) {
        requestedExtensionDays = null;
    }

    @EventSourcingHandler
    void on(ProtectionExpiryRemindedEvent event) {
        remindedFor = event.protectedUntil();
    }

    @EventSourcingHandler
    void on(DealRegistrationExpiredEvent event) {
        status = DealStatus.EXPIRED;
    }

    @EventSourcingHandler
    void on(DealClosedWonEvent event) {
        status = DealStatus.CLOSED_WON;
        wonAmount = event.amount();
        closeDate = event.closeDate();
        creditedPartnerIds = event.acceptedTouches() == null ? List.of(partnerId)
                : event.acceptedTouches().stream().map(DealTouch::partnerId).distinct().toList();
        if (event.lineItems() != null) {
            event.lineItems().stream().filter(LineItem::recurring)
                    .forEach(line -> recurringLines.put(line.product(), line));
        }
        refundedTotal = Money.zero(event.amount().currency());
    }

    @EventSourcingHandler
    void on(DealClosedLostEvent event) {
        status = DealStatus.CLOSED_LOST;
    }

    @EventSourcingHandler
    void on(DealAmountChangedEvent event) {
        wonAmount = event.newAmount();
    }

    @EventSourcingHandler
    void on(DealRefundedEvent event) {
        refundedTotal = event.totalRefunded();
        refundReferences.add(event.reference());
    }

    @EventSourcingHandler
    void on(SubscriptionPeriodBilledEvent event) {
        billedPeriods.add(event.product() + "#" + event.periodNumber());
    }

    @EventSourcingHandler
    void on(CrmOpportunityLinkedEvent event) {
        crmOpportunityId = event.crmOpportunityId();
    }

    @EventSourcingHandler
    void on(PartnerTouchLoggedEvent event) {
        touches.put(event.touchId(), new Touch(event.partnerId(), event.type(), event.accepted()));
    }

    @EventSourcingHandler
    void on(PartnerTouchAcceptedEvent event) {
        touches.computeIfPresent(event.touchId(), (id, touch) -> new Touch(touch.partnerId(), touch.type(), true));
    }

    /** The partners credited with the deal at close: the registrant's sourced touch, then accepted touches. */
    private List<DealTouch> acceptedTouches() {
        List<DealTouch> credited = new ArrayList<>();
        credited.add(new DealTouch("sourced", partnerId, TouchType.SOURCED, null, true));
        touches.forEach((touchId, touch) -> {
            if (touch.accepted()) {
                credited.add(new DealTouch(touchId, touch.partnerId(), touch.type(), null, true));
            }
        });
        return List.copyOf(credited);
    }

    private record Touch(String partnerId, TouchType type, boolean accepted) {
    }
}
