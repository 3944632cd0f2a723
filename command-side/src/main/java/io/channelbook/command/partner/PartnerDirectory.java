package io.channelbook.command.partner;

import io.channelbook.command.DomainRuleViolation;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/**
 * What other command handlers may ask about a partner, answered from the partner aggregate itself (strongly
 * consistent, inside the caller's unit of work), never from a read model.
 */
@Component
public class PartnerDirectory {

    private final Repository<Partner> partners;

    PartnerDirectory(Repository<Partner> partners) {
        this.partners = partners;
    }

    /** The partner's tier, or null; an unknown partner is refused as not found. */
    public String tierOf(String partnerId) {
        try {
            return partners.load(partnerId).invoke(Partner::tier);
        } catch (AggregateNotFoundException e) {
            throw DomainRuleViolation.notFound("partner_not_found", "Partner " + partnerId + " does not exist");
        }
    }

    /** Refuses an unknown partner as not found. */
    public void requireExists(String partnerId) {
        tierOf(partnerId);
    }
}
