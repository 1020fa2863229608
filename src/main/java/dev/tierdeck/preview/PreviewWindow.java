package dev.tierdeck.preview;

import dev.tierdeck.flow.TimeWindow;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The time window a preview replays: one of the presets back from now, or free times. Free times are read as RFC 3339
 * ({@code 2026-11-26T14:00:00Z}) or as {@code datetime-local} values in UTC ({@code 2026-11-26T14:00}); a missing end
 * means now, a missing start the preset's length before the end.
 */
record PreviewWindow(TimeWindow window, Preset preset) {

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
        TimeWindow window;
        try {
            window = TimeWindow.of(from, to, p.length, now);
        } catch (TimeWindow.Invalid e) {
            throw new Invalid(e.getMessage());
        }
        if (Duration.between(window.from(), window.to()).compareTo(max) > 0) {
            throw new Invalid("The window may span at most " + max.toDays() + " days; " + window.fromText() + " to "
                    + TimeWindow.minutes(window.to()) + " is longer.");
        }
        return new PreviewWindow(window, p);
    }

    public Instant from() {
        return window.from();
    }

    public Instant to() {
        return window.to();
    }

    public boolean free() {
        return window.free();
    }

    public String fromText() {
        return window.fromText();
    }

    public String toText() {
        return window.toText();
    }

    /** The values for the form's {@code datetime-local} inputs when free times were given. */
    public String fromInput() {
        return window.fromInput();
    }

    public String toInput() {
        return window.toInput();
    }
}
