package dev.tierdeck.notification;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One event for one webhook, with the outcome of its latest attempt. */
record Delivery(
        long id,
        long webhookId,
        String webhookName,
        String eventId,
        String eventType,
        Instant createdAt,
        String status,
        int attempts,
        @Nullable Instant nextAttemptAt,
        @Nullable Integer lastStatusCode,
        @Nullable String lastError,
        @Nullable Instant finishedAt) {}
