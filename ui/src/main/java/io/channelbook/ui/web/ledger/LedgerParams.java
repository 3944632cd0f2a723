package io.channelbook.ui.web.ledger;

import io.channelbook.ui.web.problem.ApiProblem;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Query parameters of the ledger API: instants as ISO-8601 ({@code 2026-11-01T00:00:00Z}) or dates (UTC midnight). */
final class LedgerParams {

    private LedgerParams() {
    }

    /** Null for an absent or blank value; 400 {@code invalid_instant} for anything that is not an instant or date. */
    static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notAnInstant) {
            try {
                return java.time.OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException notAnOffsetDateTime) {
                try {
                    return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
                } catch (DateTimeParseException notADate) {
                    throw ApiProblem.badRequest("invalid_instant", name + " must be an ISO-8601 instant such as "
                            + "2026-11-01T00:00:00Z or a date such as 2026-11-01 (UTC midnight), got '" + abbreviate(text) + "'");
                }
            }
        }
    }

    /** Refuses a range whose end is not after its start. */
    static void range(Instant from, Instant to) {
        if (from != null && to != null && !to.isAfter(from)) {
            throw ApiProblem.badRequest("invalid_range", "to must be after from");
        }
    }

    /** A statement needs both ends. */
    static Instant required(String name, Instant value) {
        if (value == null) {
            throw ApiProblem.badRequest("validation_failed", name + " is required");
        }
        return value;
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
