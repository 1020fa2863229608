package dev.tierdeck.notification;

import java.time.Instant;
import java.util.List;

/**
 * A configured webhook. The secret is not part of it: it is written, used to sign, and never read back out.
 *
 * @param format {@code json} or {@code slack}
 * @param eventTypes the event ids it receives
 */
record Webhook(
        long id,
        String name,
        String url,
        String format,
        List<String> eventTypes,
        boolean enabled,
        Instant createdAt,
        String createdBy,
        Instant updatedAt,
        String updatedBy) {

    Webhook {
        eventTypes = List.copyOf(eventTypes);
    }
}
