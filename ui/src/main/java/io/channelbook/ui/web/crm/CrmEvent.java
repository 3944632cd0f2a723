package io.channelbook.ui.web.crm;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** An opportunity update from the CRM. Which fields are required depends on {@code type}. */
record CrmEvent(@NotBlank @Size(max = 100) String deliveryId,
                @NotBlank @Size(max = 100) String opportunityId,
                @NotNull Type type,
                @Valid Amount amount,
                LocalDate closeDate,
                @Size(max = 200) List<@Valid Line> lineItems,
                @Size(max = 1000) String reason,
                @Size(max = 200) String reference,
                @Size(max = 100) String product,
                @Min(1) @Max(1200) Integer periodNumber,
                LocalDate billedOn) {

    /** BILLING_PERIOD: one billed period of a recurring line (product, periodNumber, amount, billedOn). */
    enum Type { CLOSED_WON, CLOSED_LOST, AMOUNT_CHANGED, REFUND, BILLING_PERIOD }

    record Amount(@NotNull @DecimalMin(value = "0", inclusive = false) @Digits(integer = 15, fraction = 3) BigDecimal amount,
                  @NotNull @Pattern(regexp = "[A-Z]{3}") String currency) {
    }

    record Line(@NotBlank @Size(max = 100) String product, @NotNull @Valid Amount amount, boolean recurring, Integer termMonths) {
    }
}
