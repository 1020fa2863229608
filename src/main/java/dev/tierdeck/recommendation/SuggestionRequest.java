package dev.tierdeck.recommendation;

import dev.tierdeck.engine.recommend.Directions;
import dev.tierdeck.engine.recommend.Layout;
import dev.tierdeck.engine.recommend.Level;
import dev.tierdeck.engine.recommend.Recommender;
import dev.tierdeck.engine.recommend.Settings;
import dev.tierdeck.flow.TimeWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a person asks for, as the page's form and the API's query send it; every field may be missing. Times are
 * {@code datetime-local} values in UTC or RFC 3339; {@code leave} lists the ids of observed connections to leave out.
 */
record SuggestionRequest(
        @Nullable String from,
        @Nullable String to,
        @Nullable String workload,
        @Nullable String level,
        @Nullable String layout,
        @Nullable String directions,
        @Nullable String tier,
        @Nullable String width,
        @Nullable List<String> leave) {

    /** Longest text accepted in a field (a DNS subdomain); longer is not something a person typed. */
    static final int MAX_TEXT = 253;

    /** Longest connection id accepted. */
    static final int MAX_ID = 1_000;

    static SuggestionRequest empty() {
        return new SuggestionRequest(null, null, null, null, null, null, null, null, null);
    }

    List<String> leaveOut() {
        return leave == null ? List.of() : leave;
    }

    /** The request read into a window and settings (the tier is left to the caller), or every field's problem. */
    Parsed parse(String namespace, Instant now, Duration defaultWindow, Duration maxWindow) throws Invalid {
        Map<String, String> errors = new LinkedHashMap<>();
        for (var e : Map.of(
                        "from", text(from),
                        "to", text(to),
                        "workload", text(workload),
                        "tier", text(tier),
                        "width", text(width))
                .entrySet()) {
            if (e.getValue().length() > MAX_TEXT) {
                errors.put(e.getKey(), "At most " + MAX_TEXT + " characters.");
            }
        }
        TimeWindow window = null;
        try {
            window = TimeWindow.of(from, to, defaultWindow, now);
            if (Duration.between(window.from(), window.to()).compareTo(maxWindow) > 0) {
                errors.put(
                        "from",
                        "The window may span at most " + maxWindow.toDays() + " days; " + window.fromText() + " to "
                                + window.toText() + " is longer.");
            }
        } catch (TimeWindow.Invalid e) {
            errors.put(e.getMessage().startsWith("To") ? "to" : "from", e.getMessage());
        }
        Settings s = Settings.of(namespace);
        if (!text(workload).isBlank()) {
            s = s.withWorkload(text(workload).strip());
        }
        Level l = text(level).isBlank() ? Level.WORKLOAD : Level.parse(text(level));
        if (l == null) {
            errors.put("level", "Choose strict, workload or namespace.");
        } else {
            s = s.withLevel(l);
        }
        Layout lay = text(layout).isBlank() ? Layout.WORKLOAD : Layout.parse(text(layout));
        if (lay == null) {
            errors.put("layout", "Choose one policy per workload or one for the namespace.");
        } else {
            s = s.withLayout(lay);
        }
        Directions d = text(directions).isBlank() ? Directions.BOTH : Directions.parse(text(directions));
        if (d == null) {
            errors.put("directions", "Choose ingress, egress or both.");
        } else {
            s = s.withDirections(d);
        }
        if (!text(width).isBlank()) {
            String w = text(width).strip().replace("/", "");
            if (!w.matches("\\d{1,3}")) {
                errors.put(
                        "width",
                        "A prefix length such as 24, not \"" + text(width).strip() + "\".");
            } else {
                s = s.withPrefixes(Integer.parseInt(w), s.ipv6Prefix());
            }
        }
        List<String> ids = leaveOut();
        if (ids.size() > Recommender.MAX_LEFT_OUT) {
            errors.put("leave", "At most " + Recommender.MAX_LEFT_OUT + " connections may be left out.");
        } else if (ids.stream().anyMatch(id -> id.length() > MAX_ID)) {
            errors.put("leave", "A connection id is at most " + MAX_ID + " characters long.");
        } else {
            s = s.withLeaveOut(new LinkedHashSet<>(ids));
        }
        if (!errors.isEmpty()) {
            throw new Invalid(errors);
        }
        return new Parsed(window, s);
    }

    private static String text(@Nullable String v) {
        return v == null ? "" : v;
    }

    /** The window and the settings the request asks for. */
    record Parsed(TimeWindow window, Settings settings) {}

    /** Fields that cannot be used, each with its message. */
    static final class Invalid extends Exception {
        private final Map<String, String> errors;

        Invalid(Map<String, String> errors) {
            super(errors.entrySet().iterator().next().getKey() + ": "
                    + errors.entrySet().iterator().next().getValue());
            this.errors = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(errors));
        }

        Map<String, String> errors() {
            return errors;
        }
    }
}
