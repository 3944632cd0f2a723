package io.channelbook.command.partner;

import io.channelbook.api.partner.RegisterPartnerCommand;
import io.channelbook.command.DomainRuleViolation;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a partner registration must hold before it is recorded. The web edge validates the same things for a
 * friendly message; this is the guard that holds whoever sends the command.
 */
final class PartnerRegistrationPolicy {

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    private static final Pattern DOMAIN = Pattern.compile("^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$");
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    private PartnerRegistrationPolicy() {
    }

    static void check(RegisterPartnerCommand command) {
        if (command.partnerId() == null || command.partnerId().isBlank()) {
            throw DomainRuleViolation.invalid("partner_id_required", "A partner id is required");
        }
        if (command.legalName() == null || command.legalName().isBlank()) {
            throw DomainRuleViolation.invalid("legal_name_required", "A legal name is required");
        }
        if (command.country() == null || !COUNTRIES.contains(command.country())) {
            throw DomainRuleViolation.invalid("country_invalid", "Country must be an ISO 3166-1 alpha-2 code, got " + command.country());
        }
        if (command.websiteDomain() == null || !DOMAIN.matcher(command.websiteDomain()).matches()) {
            throw DomainRuleViolation.invalid("website_domain_invalid", "Website domain must be a lower-case host name, got " + command.websiteDomain());
        }
        if (command.programType() == null) {
            throw DomainRuleViolation.invalid("program_type_required", "A program type is required");
        }
        if (command.primaryContact() == null
                || command.primaryContact().name() == null || command.primaryContact().name().isBlank()
                || command.primaryContact().email() == null || !EMAIL.matcher(command.primaryContact().email()).matches()) {
            throw DomainRuleViolation.invalid("primary_contact_invalid", "A primary contact needs a name and a valid email address");
        }
    }
}
