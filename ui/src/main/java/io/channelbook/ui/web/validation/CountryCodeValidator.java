package io.channelbook.ui.web.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

import java.util.Locale;
import java.util.Set;

/** Checks {@link CountryCode}; blank values are left to {@code @NotBlank}. */
public class CountryCodeValidator implements ConstraintValidator<CountryCode, String> {

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        return value == null || value.isBlank() || COUNTRIES.contains(value);
    }
}
