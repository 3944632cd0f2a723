package io.channelbook.command.deal;

import io.channelbook.api.deal.SubmitDealRegistrationCommand;
import io.channelbook.command.DomainRuleViolation;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a deal registration must hold before it claims its customer. The web edge validates the same things for a
 * friendly message; this is the guard that holds whoever sends the command.
 */
final class DealSubmissionPolicy {

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    /** Normalized: lower case, no scheme, no {@code www.}, no path; the edge reduces a website to this. */
    private static final Pattern DOMAIN = Pattern.compile("^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$");
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    private DealSubmissionPolicy() {
    }

    /** {@code today}: the date by the command side's clock (UTC); an expected close date before it is refused. */
    static void check(SubmitDealRegistrationCommand command, LocalDate today) {
        if (blank(command.registrationId())) {
            throw DomainRuleViolation.invalid("registration_id_required", "A registration id is required");
        }
        if (blank(command.partnerId())) {
            throw DomainRuleViolation.invalid("partner_id_required", "A partner id is required");
        }
        if (blank(command.customerName())) {
            throw DomainRuleViolation.invalid("customer_name_required", "The customer's company name is required");
        }
        if (command.customerDomain() == null || !DOMAIN.matcher(command.customerDomain()).matches()) {
            throw DomainRuleViolation.invalid("customer_domain_invalid",
                    "The customer domain must be a normalized host name such as acme.com, got " + command.customerDomain());
        }
        if (command.customerCountry() == null || !COUNTRIES.contains(command.customerCountry())) {
            throw DomainRuleViolation.invalid("customer_country_invalid",
                    "The customer country must be an ISO 3166-1 alpha-2 code, got " + command.customerCountry());
        }
        if (command.customerContact() == null || blank(command.customerContact().name())
                || command.customerContact().email() == null
                || !EMAIL.matcher(command.customerContact().email()).matches()) {
            throw DomainRuleViolation.invalid("customer_contact_invalid",
                    "The customer contact needs a name and a valid email address");
        }
        if (command.products() == null || command.products().isEmpty()
                || command.products().stream().anyMatch(DealSubmissionPolicy::blank)) {
            throw DomainRuleViolation.invalid("products_required", "At least one product, none of them blank, is required");
        }
        if (command.estimatedValue() == null || command.estimatedValue().signum() <= 0) {
            throw DomainRuleViolation.invalid("estimated_value_invalid",
                    "The estimated value must be a positive amount, got " + command.estimatedValue());
        }
        if (command.expectedCloseDate() == null || command.expectedCloseDate().isBefore(today)) {
            throw DomainRuleViolation.invalid("expected_close_date_invalid",
                    "The expected close date must be today or later, got " + command.expectedCloseDate());
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
