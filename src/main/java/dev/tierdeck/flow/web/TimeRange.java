package dev.tierdeck.flow.web;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;

/**
 * The flow browser's time range. Free times come from {@code datetime-local} inputs ({@code 2026-11-26T14:00},
 * read as UTC, the zone every stored time is shown in) or as RFC 3339 ({@code 2026-11-26T14:00:00+01:00}). A
 * missing end means now; a missing start means the chosen window before the end.
 */
record TimeRange(Instant from, Instant to, boolean free) {

    static final DateTimeFormatter MINUTES =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    public String fromText() {
        return MINUTES.format(from);
    }

    public String toText() {
        return MINUTES.format(to) + " UTC";
    }

    /** A time that cannot be read, or a range that ends before it starts; the message says which and why. */
    static final class Invalid extends Exception {
        Invalid(String message) {
            super(message);
        }
    }

    static TimeRange of(@Nullable String from, @Nullable String to, Duration window, Instant now) throws Invalid {
        Instant start = parse("From", from);
        Instant end = parse("To", to);
        if (start == null && end == null) {
            return new TimeRange(now.minus(window), now, false);
        }
        Instant e = end == null ? now : end;
        Instant s = start == null ? e.minus(window) : start;
        if (!s.isBefore(e)) {
            throw new Invalid("From must be before To: " + s + " is not before " + e + ".");
        }
        return new TimeRange(s, e, true);
    }

    private static @Nullable Instant parse(String name, @Nullable String value) throws Invalid {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException notWithOffset) {
            try {
                return LocalDateTime.parse(v).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                throw new Invalid(name + ": expected a time such as 2026-11-26T14:00 (UTC) or "
                        + "2026-11-26T14:00:00+01:00, got \"" + v + "\".");
            }
        }
    }
}
