package dev.tierdeck.notification;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One event as webhooks receive it.
 *
 * @param id unique per event: a receiver deduplicates retries with it
 * @param text one sentence for people (the Slack message)
 * @param path the portal page it concerns, null when none
 * @param details the event's fields for machines
 */
record Notice(
        UUID id,
        EventType type,
        Instant at,
        String text,
        @Nullable String path,
        Map<String, Object> details) {

    Notice {
        details = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    static Notice of(EventType type, Instant at, String text, @Nullable String path, Map<String, Object> details) {
        return new Notice(UUID.randomUUID(), type, at, text, path, details);
    }
}
