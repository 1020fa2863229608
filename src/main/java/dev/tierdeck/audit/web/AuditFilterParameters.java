package dev.tierdeck.audit.web;

import dev.tierdeck.audit.AuditQuery;
import dev.tierdeck.engine.text.TextInput;
import io.swagger.v3.oas.annotations.Parameter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;

/**
 * The audit filters as they arrive in the query string (API, screen and export alike), checked one by one so
 * that a bad value is answered with the name of its parameter.
 */
record AuditFilterParameters(
        @Parameter(description = "Only records about objects in this namespace") @Nullable
        String namespace,

        @Parameter(description = "Only records about this tier or objects in it") @Nullable
        String tier,

        @Parameter(description = "Only records by this subject, or whose display name contains this text") @Nullable
        String user,

        @Parameter(description = "An action (policy.promoted) or a family of actions (policy)") @Nullable
        String action,

        @Parameter(
                description = "Records at or after this time: 2026-11-26, 2026-11-26T14:30 (UTC) or"
                        + " 2026-11-26T14:30:00+01:00")
        @Nullable
        String from,

        @Parameter(description = "Records before this time (a date alone includes that whole day)") @Nullable
        String to,

        @Parameter(description = "Page number, from 0; pages hold the newest records first") @Nullable
        String page) {

    static final int MAX_FILTER_LENGTH = 200;
    static final int MAX_PAGE = 1_000_000;

    static AuditFilterParameters none() {
        return new AuditFilterParameters(null, null, null, null, null, null, null);
    }

    AuditQuery toQuery() {
        Instant start = time("from", from, false);
        Instant end = time("to", to, true);
        if (start != null && end != null && start.isAfter(end)) {
            throw new InvalidAuditParameterException("to", "'" + to + "' is before from '" + from + "'");
        }
        return new AuditQuery(
                text("namespace", namespace),
                text("tier", tier),
                text("user", user),
                text("action", action),
                start,
                end);
    }

    int pageNumber() {
        if (page == null || page.isBlank()) {
            return 0;
        }
        try {
            int number = Integer.parseInt(page.strip());
            if (number >= 0 && number <= MAX_PAGE) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below, like a number out of range
        }
        throw new InvalidAuditParameterException(
                "page", "'" + shorten(page) + "' is not a page number; use a whole number from 0 to " + MAX_PAGE);
    }

    private static @Nullable String text(String parameter, @Nullable String value) {
        String problem = TextInput.problem(value, TextInput.Kind.LINE, MAX_FILTER_LENGTH);
        if (problem != null) {
            throw new InvalidAuditParameterException(parameter, problem);
        }
        return value;
    }

    /**
     * An instant, a date-time in UTC (what an HTML datetime-local field sends) or a date. A date alone as the
     * end of a range means the end of that day, since the end is exclusive.
     */
    private static @Nullable Instant time(String parameter, @Nullable String value, boolean end) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notWithOffset) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notLocal) {
                try {
                    LocalDate date = LocalDate.parse(text);
                    return (end ? date.plusDays(1) : date).atStartOfDay().toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException notADate) {
                    throw new InvalidAuditParameterException(
                            parameter,
                            "'" + shorten(text) + "' is not a time; use 2026-11-26, 2026-11-26T14:30 (UTC) or"
                                    + " 2026-11-26T14:30:00+01:00");
                }
            }
        }
    }

    private static String shorten(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }
}
