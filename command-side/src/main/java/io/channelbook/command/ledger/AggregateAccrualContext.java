package io.channelbook.command.ledger;

import io.channelbook.command.commission.PlanCatalog;
import io.channelbook.command.commission.engine.PlanVersion;
import io.channelbook.command.partner.PartnerDirectory;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.Optional;

/** Answers from the partner and plan aggregates themselves, inside the caller's unit of work. */
@Component
class AggregateAccrualContext implements AccrualContext {

    private final PartnerDirectory partners;
    private final PlanCatalog plans;

    AggregateAccrualContext(PartnerDirectory partners, PlanCatalog plans) {
        this.partners = partners;
        this.plans = plans;
    }

    @Override
    public String tierOf(String partnerId) {
        return partners.tierOf(partnerId);
    }

    @Override
    public Optional<PlanVersion> planFor(String partnerId, String tier, LocalDate closeDate) {
        return plans.versionFor(partnerId, tier, closeDate);
    }
}
