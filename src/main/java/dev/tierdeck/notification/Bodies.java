package dev.tierdeck.notification;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a webhook receives: a generic JSON document ({@code id}, {@code type}, {@code at}, {@code text}, {@code link},
 * {@code details}) or a Slack-compatible {@code {"text": ...}}. A body larger than the limit loses its details, then
 * has its text cut, so that it always fits.
 */
final class Bodies {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Bodies() {}

    static String render(String format, Notice notice, @Nullable String publicUrl, int maxBytes) {
        String link = notice.path() == null ? null : (publicUrl == null ? "" : publicUrl) + notice.path();
        String body = body(format, notice, link, notice.text(), true);
        if (fits(body, maxBytes)) {
            return body;
        }
        body = body(format, notice, link, notice.text(), false);
        String text = notice.text();
        while (!fits(body, maxBytes) && text.length() > 20) {
            text = text.substring(0, text.length() / 2) + "…";
            body = body(format, notice, link, text, false);
        }
        return body;
    }

    private static String body(String format, Notice n, @Nullable String link, String text, boolean details) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (format.equals("slack")) {
            out.put("text", "[" + n.type().id() + "] " + text + (link == null ? "" : " <" + link + ">"));
            return JSON.writeValueAsString(out);
        }
        out.put("id", n.id().toString());
        out.put("type", n.type().id());
        out.put("at", n.at().toString());
        out.put("text", text);
        out.put("link", link);
        out.put("details", details ? n.details() : Map.of("omitted", "the details exceeded the size limit"));
        return JSON.writeValueAsString(out);
    }

    private static boolean fits(String body, int maxBytes) {
        return body.getBytes(StandardCharsets.UTF_8).length <= maxBytes;
    }
}
