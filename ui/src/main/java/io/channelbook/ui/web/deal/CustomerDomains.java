package io.channelbook.ui.web.deal;

import com.google.common.net.InternetDomainName;

import java.net.IDN;
import java.util.Locale;
import java.util.Optional;

/**
 * Reduces whatever a partner typed for a customer's website to the registrable domain that identifies the customer:
 * {@code https://www.Shop.Acme.co.uk/en} becomes {@code acme.co.uk}. Lower case, no scheme, path, port or {@code www.},
 * and the public-suffix list decides where the registrable part starts.
 */
public final class CustomerDomains {

    private CustomerDomains() {
    }

    public static Optional<String> normalize(String input) {
        if (input == null || input.isBlank() || input.length() > 2048) {
            return Optional.empty();
        }
        String host = input.strip().toLowerCase(Locale.ROOT)
                .replaceFirst("^[a-z][a-z0-9+.-]*://", "")
                .replaceFirst("^[^@/]*@", "")
                .replaceFirst("[/?#].*$", "")
                .replaceFirst(":\\d+$", "")
                .replaceFirst("\\.$", "");
        try {
            InternetDomainName name = InternetDomainName.from(IDN.toASCII(host));
            if (!name.isUnderPublicSuffix()) {
                return Optional.empty();
            }
            return Optional.of(name.topPrivateDomain().toString());
        } catch (IllegalArgumentException | IllegalStateException notADomain) {
            return Optional.empty();
        }
    }
}
