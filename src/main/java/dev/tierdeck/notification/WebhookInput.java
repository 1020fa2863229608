package dev.tierdeck.notification;

import dev.tierdeck.engine.text.TextInput;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A webhook as an admin sends it, from the form or the API. The secret may be left out of an update (the stored one
 * stays); a new webhook needs one of 16 to 200 printable characters.
 *
 * @param format {@code json} or {@code slack}; json when not given
 * @param eventTypes event ids such as {@code approval.requested}
 * @param enabled true when not given
 */
record WebhookInput(
        @Nullable String name,
        @Nullable String url,
        @Nullable String format,
        @Nullable List<String> eventTypes,
        @Nullable String secret,
        @Nullable Boolean enabled) {

    static final int NAME_LIMIT = 100;
    private static final Pattern SECRET = Pattern.compile("[\\x21-\\x7e]{16,200}");

    /** Every problem, each naming its field; empty when the input can be saved. */
    List<WebhookProblem.Field> problems(boolean creating, List<String> allowedHosts) {
        List<WebhookProblem.Field> out = new ArrayList<>();
        String n = name == null ? "" : name.trim();
        String nameProblem = TextInput.problem(n, TextInput.Kind.LINE, NAME_LIMIT);
        if (n.isEmpty()) {
            out.add(new WebhookProblem.Field("name", "Give the webhook a name."));
        } else if (nameProblem != null) {
            out.add(new WebhookProblem.Field("name", "The name " + nameProblem + "."));
        }
        String urlProblem = WebhookAddress.problem(url, allowedHosts);
        if (urlProblem != null) {
            out.add(new WebhookProblem.Field("url", urlProblem));
        }
        if (format != null && !format.equals("json") && !format.equals("slack")) {
            out.add(new WebhookProblem.Field("format", "Choose json or slack, not '" + format + "'."));
        }
        if (eventTypes == null || eventTypes.isEmpty()) {
            out.add(new WebhookProblem.Field("eventTypes", "Choose at least one event."));
        } else if (eventTypes.size() > EventType.values().length) {
            out.add(new WebhookProblem.Field("eventTypes", "At most " + EventType.values().length + " events."));
        } else {
            for (int i = 0; i < eventTypes.size(); i++) {
                String t = eventTypes.get(i);
                if (t == null || EventType.fromId(t).isEmpty()) {
                    out.add(new WebhookProblem.Field(
                            "eventTypes[" + i + "]",
                            "'" + t + "' is not an event; known: " + String.join(", ", ids()) + "."));
                }
            }
        }
        if (secret == null || secret.isEmpty()) {
            if (creating) {
                out.add(new WebhookProblem.Field("secret", "Give a secret of 16 to 200 characters to sign with."));
            }
        } else if (!SECRET.matcher(secret).matches()) {
            out.add(new WebhookProblem.Field("secret", "The secret is 16 to 200 printable characters without spaces."));
        }
        return out;
    }

    static List<String> ids() {
        return java.util.Arrays.stream(EventType.values()).map(EventType::id).toList();
    }

    String formatOrDefault() {
        return format == null ? "json" : format;
    }

    boolean enabledOrDefault() {
        return enabled == null || enabled;
    }
}
