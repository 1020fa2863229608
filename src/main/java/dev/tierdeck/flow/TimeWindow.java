package dev.tierdeck.flow;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;

/**
 * A time window over recorded flows, as typed into a form. Free times come from {@code datetime-local} inputs
 * ({@code 2026-11-26T14:00}, read as UTC, the zone every stored time is shown in) or as RFC 3339
 * ({@code 2026-11-26T14:00:00+01:00}). A missing end means now; a missing start means the default length before the
 * end.
 *
 * @param free whether the user gave a start or an end, rather than the default window back from now
 */
public record TimeWindow(Instant from, Instant to, boolean free) {

    private static final DateTimeFormatter MINUTES =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter INPUT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm").withZone(ZoneOffset.UTC);

    /** A time that cannot be read, or a window that ends before it starts; the message says which and why. */
    public static final class Invalid extends Exception {
        public Invalid(String message) {
            super(message);
        }
    }

    /** The window from the form's {@code from} and {@code to} fields, {@code length} back from now when both are blank. */
    public static TimeWindow of(@Nullable String from, @Nullable String to, Duration length, Instant now)
            throws Invalid {
        Instant start = parse("From", from);
        Instant end = parse("To", to);
        if (start == null && end == null) {
            return new TimeWindow(now.minus(length), now, false);
        }
        Instant e = end == null ? now : end;
        Instant s = start == null ? e.minus(length) : start;
        if (!s.isBefore(e)) {
            throw new Invalid("From must be before To: " + minutes(s) + " is not before " + minutes(e) + " (UTC).");
        }
        return new TimeWindow(s, e, true);
    }

    /** An instant to the minute, in UTC, as shown on pages. */
    public static String minutes(Instant instant) {
        return MINUTES.format(instant);
    }

    public String fromText() {
        return minutes(from);
    }

    public String toText() {
        return minutes(to) + " UTC";
    }

    /** The values for a form's {@code datetime-local} inputs: empty unless free times were given. */
    public String fromInput() {
        return free ? INPUT.format(from) : "";
    }

    public String toInput() {
        return free ? INPUT.format(to) : "";
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
