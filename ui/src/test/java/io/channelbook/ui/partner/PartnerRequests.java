package io.channelbook.ui.partner;

import java.util.HashMap;
import java.util.Map;

/** Request bodies for partner registration, as a client would send them. */
public final class PartnerRequests {

    private PartnerRequests() {
    }

    public static Map<String, Object> valid(String legalName, String websiteDomain) {
        Map<String, Object> body = new HashMap<>();
        body.put("legalName", legalName);
        body.put("country", "GB");
        body.put("websiteDomain", websiteDomain);
        body.put("programType", "reseller");
        body.put("primaryContact", Map.of("name", "Ana Berg", "email", "Ana@Example.com"));
        return body;
    }
}
