package io.channelbook.ui.web.partner;

import java.util.Locale;

/** How a partner's website is stored, for the API and the console's registration form alike. */
public final class PartnerDomains {

    private PartnerDomains() {
    }

    /** {@code https://www.Example.com/} becomes {@code example.com}. */
    public static String normalize(String input) {
        String domain = input.strip().toLowerCase(Locale.ROOT).replaceFirst("^https?://", "");
        if (domain.endsWith("/")) {
            domain = domain.substring(0, domain.length() - 1);
        }
        return domain.startsWith("www.") ? domain.substring(4) : domain;
    }
}
