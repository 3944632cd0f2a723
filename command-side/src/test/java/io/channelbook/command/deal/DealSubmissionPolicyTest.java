package io.channelbook.command.deal;

import io.channelbook.api.deal.CustomerContact;
import io.channelbook.api.deal.SubmitDealRegistrationCommand;
import io.channelbook.api.money.Money;
import io.channelbook.command.DomainRuleViolation;
import org.junit.jupiter.api.Test;

import java.lang.reflect.RecordComponent;
import java.time.LocalDate;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DealSubmissionPolicyTest {

    private static final LocalDate TODAY = LocalDate.parse("2026-03-02");
    private static final SubmitDealRegistrationCommand VALID = new SubmitDealRegistrationCommand("deal-1", "partner-a",
            "Acme Corp", "acme.co.uk", "GB", new CustomerContact("Jo Buyer", "jo@acme.co.uk"), List.of("SKU-1"),
            Money.ofMinor(50_000_00, "GBP"), TODAY, null, null);

    @Test
    void completeRegistrationPasses() {
        assertDoesNotThrow(() -> DealSubmissionPolicy.check(VALID, TODAY));
    }

    @Test
    void registrationAndPartnerIdsAreRequired() {
        assertRefused("registration_id_required", command -> with(command, "registrationId", " "));
        assertRefused("partner_id_required", command -> with(command, "partnerId", null));
    }

    @Test
    void customerNameIsRequired() {
        assertRefused("customer_name_required", command -> with(command, "customerName", "  "));
    }

    @Test
    void customerDomainIsNormalized() {
        for (String domain : new String[]{null, "https://acme.com", "www.Acme.com", "acme", "acme.com/about", "acme..com"}) {
            assertRefused("customer_domain_invalid", command -> with(command, "customerDomain", domain));
        }
    }

    @Test
    void customerCountryIsAnIsoCode() {
        assertRefused("customer_country_invalid", command -> with(command, "customerCountry", "UK"));
        assertRefused("customer_country_invalid", command -> with(command, "customerCountry", "gb"));
        assertRefused("customer_country_invalid", command -> with(command, "customerCountry", null));
    }

    @Test
    void customerContactNeedsANameAndAnEmailAddress() {
        assertRefused("customer_contact_invalid", command -> with(command, "customerContact", null));
        assertRefused("customer_contact_invalid", command -> with(command, "customerContact", new CustomerContact(" ", "jo@acme.co.uk")));
        assertRefused("customer_contact_invalid", command -> with(command, "customerContact", new CustomerContact("Jo", "jo at acme")));
    }

    @Test
    void atLeastOneProductIsRequired() {
        assertRefused("products_required", command -> with(command, "products", List.of()));
        assertRefused("products_required", command -> with(command, "products", null));
        assertRefused("products_required", command -> with(command, "products", List.of("SKU-1", " ")));
    }

    @Test
    void estimatedValueIsPositive() {
        assertRefused("estimated_value_invalid", command -> with(command, "estimatedValue", Money.ofMinor(0, "GBP")));
        assertRefused("estimated_value_invalid", command -> with(command, "estimatedValue", Money.ofMinor(-5, "GBP")));
        assertRefused("estimated_value_invalid", command -> with(command, "estimatedValue", null));
    }

    @Test
    void expectedCloseDateIsNotInThePast() {
        assertRefused("expected_close_date_invalid", command -> with(command, "expectedCloseDate", TODAY.minusDays(1)));
        assertRefused("expected_close_date_invalid", command -> with(command, "expectedCloseDate", null));
    }

    private static void assertRefused(String code, UnaryOperator<SubmitDealRegistrationCommand> change) {
        DomainRuleViolation violation = assertThrows(DomainRuleViolation.class,
                () -> DealSubmissionPolicy.check(change.apply(VALID), TODAY));
        assertEquals(code, violation.code());
    }

    /** The command with one component replaced. */
    private static SubmitDealRegistrationCommand with(SubmitDealRegistrationCommand command, String component,
                                                      Object value) {
        RecordComponent[] components = SubmitDealRegistrationCommand.class.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        try {
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                values[i] = components[i].getName().equals(component)
                        ? value : components[i].getAccessor().invoke(command);
            }
            return SubmitDealRegistrationCommand.class.getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
