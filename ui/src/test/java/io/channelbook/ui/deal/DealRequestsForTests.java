package io.channelbook.ui.deal;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Deal registration bodies as a partner's client sends them. */
final class DealRequestsForTests {

    private DealRequestsForTests() {
    }

    static Map<String, Object> submission(String customerName, String website) {
        Map<String, Object> body = new HashMap<>();
        body.put("customerName", customerName);
        body.put("customerWebsite", website);
        body.put("customerCountry", "DE");
        body.put("customerContact", Map.of("name", "Eva Buyer", "email", "eva@customer.example"));
        body.put("products", List.of("PLATFORM-PRO", "SUPPORT-GOLD"));
        body.put("estimatedValue", Map.of("amount", "48000.00", "currency", "EUR"));
        body.put("expectedCloseDate", LocalDate.now().plusMonths(3).toString());
        body.put("notes", "Met at the trade fair");
        return body;
    }

    static Map<String, Object> closeWon(String amount) {
        return Map.of("amount", Map.of("amount", amount, "currency", "EUR"),
                "closeDate", LocalDate.now().toString(),
                "lineItems", List.of(Map.of("product", "PLATFORM-PRO", "amount", Map.of("amount", amount, "currency", "EUR"),
                        "recurring", false)));
    }
}
