/**
 * Notifications: webhooks that admins configure (URL, generic JSON or Slack-compatible text, event types, a secret),
 * fed from an outbox in PostgreSQL. A listener turns the events other modules publish into delivery rows inside the
 * publishing transaction, so a change that rolls back notifies nobody; a worker on one replica sends them, signed
 * with HMAC-SHA256 over the timestamp and the body, retries with exponential backoff and records every attempt.
 * Screens: {@code /admin/webhooks}; REST under {@code /api/v1/webhooks}; admins only. Nothing here is used by other
 * modules.
 */
@NullMarked
@ApplicationModule(
        allowedDependencies = {
            "engine",
            "identity",
            "tenancy",
            "audit",
            "system",
            "system :: leader",
            "promotion",
            "verification",
            "cluster",
            "assertion",
            "exception"
        })
package dev.tierdeck.notification;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
