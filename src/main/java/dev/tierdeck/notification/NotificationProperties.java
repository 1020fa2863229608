package dev.tierdeck.notification;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Webhook settings ({@code tierdeck.notification}).
 *
 * @param allowedHosts host names (exact, case-insensitive) webhooks may call although they resolve to an internal
 *     address: loopback, private, link-local, shared (100.64/10) or unique-local. Every other webhook must resolve to
 *     public addresses only, when saved and again at every attempt, so that the portal cannot be turned against its
 *     own network.
 * @param maxBodyBytes the largest delivery body; details are cut to fit
 * @param maxAttempts attempts per delivery before it is given up as failed
 * @param firstRetry the wait after the first failed attempt; it doubles after each one
 * @param maxRetry the longest wait between attempts
 * @param timeout connecting and answering, per attempt
 * @param interval how often the worker looks for due deliveries
 * @param batch deliveries sent per round, at most
 * @param retention finished deliveries and their attempts are deleted once older
 * @param maxWebhooks the most webhooks that can be configured
 */
@ConfigurationProperties("tierdeck.notification")
record NotificationProperties(
        @DefaultValue List<String> allowedHosts,
        @DefaultValue("65536") int maxBodyBytes,
        @DefaultValue("8") int maxAttempts,
        @DefaultValue("30s") Duration firstRetry,
        @DefaultValue("1h") Duration maxRetry,
        @DefaultValue("5s") Duration timeout,
        @DefaultValue("5s") Duration interval,
        @DefaultValue("20") int batch,
        @DefaultValue("14d") Duration retention,
        @DefaultValue("50") int maxWebhooks) {

    NotificationProperties {
        allowedHosts = List.copyOf(allowedHosts);
    }

    /** The wait after {@code attempts} failed attempts: first, twice that, four times, ... up to the maximum. */
    Duration backoff(int attempts) {
        Duration wait = firstRetry.multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 20));
        return wait.compareTo(maxRetry) > 0 ? maxRetry : wait;
    }
}
