package dev.tierdeck.preview;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;

/**
 * The time window a preview replays: one of the presets back from now, or free times. Free times are read as RFC 3339
 * ({@code 2026-11-26T14:00:00Z}) or as {@code datetime-local} values in UTC ({@code 2026-11-26T14:00}); a missing end
 * means now, a missing start the preset's length before the end.
 */
record PreviewWindow(Instant from, Instant to, Preset preset, boolean free) {

    static final DateTimeFormatter MINUTES =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter INPUT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm").withZone(ZoneOffset.UTC);

    /** The windows offered in one click. */
    enum Preset {
        H1("last hour", Duration.ofHours(1)),
        H24("last 24 hours", Duration.ofHours(24)),
        D7("last 7 days", Duration.ofDays(7));

        private final String label;
        private final Duration length;

        Preset(String label, Duration length) {
            this.label = label;
            this.length = length;
        }

        public String label() {
            return label;
        }

        static Preset of(@Nullable String name) throws Invalid {
            if (name == null || name.isBlank()) {
                return H24;
            }
            for (Preset p : values()) {
                if (p.name().equalsIgnoreCase(name.strip())) {
                    return p;
                }
            }
            throw new Invalid("Window: choose H1 (last hour), H24 (last 24 hours) or D7 (last 7 days), not \""
                    + name.strip() + "\".");
        }
    }

    /** A window that cannot be used; the message names the field and what to type. */
    static final class Invalid extends Exception {
        Invalid(String message) {
            super(message);
        }
    }

    static PreviewWindow of(
            @Nullable String preset, @Nullable String from, @Nullable String to, Instant now, Duration max)
            throws Invalid {
        Preset p = Preset.of(preset);
        Instant start = parse("From", from);
        Instant end = parse("To", to);
        boolean free = start != null || end != null;
        Instant e = end == null ? now : end;
        Instant s = start == null ? e.minus(p.length) : start;
        if (!s.isBefore(e)) {
            throw new Invalid(
                    "From must be before To: " + MINUTES.format(s) + " is not before " + MINUTES.format(e) + " (UTC).");
        }
        if (Duration.between(s, e).compareTo(max) > 0) {
            throw new Invalid("The window may span at most " + max.toDays() + " days; " + MINUTES.format(s) + " to "
                    + MINUTES.format(e) + " is longer.");
        }
        return new PreviewWindow(s, e, p, free);
    }

    public String fromText() {
        return MINUTES.format(from);
    }

    public String toText() {
        return MINUTES.format(to) + " UTC";
    }

    /** The values for the form's {@code datetime-local} inputs when free times were given. */
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
                throw new Invalid(name + ": expected a time such as 2026-11-26T14:00 (UTC) or 2026-11-26T14:00:00Z, "
                        + "got \"" + v + "\".");
            }
        }
    }
}
