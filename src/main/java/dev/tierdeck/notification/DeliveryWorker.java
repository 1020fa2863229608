package dev.tierdeck.notification;

import dev.tierdeck.system.leader.LeaderLock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends due deliveries from the outbox, on the leader only: each attempt signed ({@link Signature}), without
 * following redirects, with the address checked again; its outcome recorded; a failure retried after a doubling wait
 * until the attempts run out. Finished deliveries older than the retention are deleted.
 *
 * <p>A delivery is claimed by moving its next attempt into the future before it is sent, so a replica that takes over
 * leadership mid-round does not send it again at once; a receiver still deduplicates by the event id, since an
 * attempt whose outcome was lost is repeated.
 */
@Component
class DeliveryWorker implements SmartLifecycle {

    static final String TASK = "webhook-deliveries";
    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);
    private static final int ERROR_LIMIT = 500;

    private final JdbcClient jdbc;
    private final LeaderLock leader;
    private final NotificationProperties properties;
    private final TransactionTemplate transaction;
    private final HttpClient http;
    private final Clock clock = Clock.systemUTC();
    private volatile @Nullable ScheduledExecutorService task;
    private volatile Instant lastPurge = Instant.EPOCH;

    DeliveryWorker(
            JdbcClient jdbc, LeaderLock leader, NotificationProperties properties, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.leader = leader;
        this.properties = properties;
        this.transaction = transaction;
        this.http = HttpClient.newBuilder()
                .connectTimeout(properties.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public void start() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
                r -> Thread.ofPlatform().daemon().name("webhook-deliveries").unstarted(r));
        long every = properties.interval().toMillis();
        executor.scheduleWithFixedDelay(this::round, every, every, TimeUnit.MILLISECONDS);
        task = executor;
    }

    @Override
    public void stop() {
        var t = task;
        if (t != null) {
            t.shutdownNow();
        }
        task = null;
    }

    @Override
    public boolean isRunning() {
        return task != null;
    }

    void round() {
        try {
            leader.runIfLeader(TASK, () -> {
                sendDue();
                purge();
            });
        } catch (RuntimeException e) {
            log.warn("Webhook deliveries: {}", e.getMessage(), e);
        }
    }

    /** One round: claims and sends the due deliveries, at most a batch. */
    int sendDue() {
        List<Due> due = claim();
        for (Due d : due) {
            attempt(d);
        }
        return due.size();
    }

    private record Due(
            long id, String url, String secret, String eventId, String eventType, String body, int attempts) {}

    private List<Due> claim() {
        return java.util.Objects.requireNonNull(transaction.execute(status -> {
            Instant now = clock.instant();
            List<Due> due = jdbc.sql("""
                            select d.id, w.url, w.secret, d.event_id, d.event_type, d.body, d.attempts
                            from webhook_delivery d join webhook w on w.id = d.webhook_id
                            where d.status = 'PENDING' and d.next_attempt_at <= :now
                            order by d.next_attempt_at, d.id
                            limit :batch
                            for update of d skip locked""")
                    .param("now", Timestamp.from(now))
                    .param("batch", properties.batch())
                    .query((rs, row) -> new Due(
                            rs.getLong(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getString(6),
                            rs.getInt(7)))
                    .list();
            for (Due d : due) {
                jdbc.sql("update webhook_delivery set next_attempt_at = :later where id = :id")
                        .param(
                                "later",
                                Timestamp.from(now.plus(properties.timeout().multipliedBy(4))))
                        .param("id", d.id())
                        .update();
            }
            return due;
        }));
    }

    private void attempt(Due d) {
        Instant started = clock.instant();
        Integer code = null;
        String error = WebhookAddress.problem(d.url(), properties.allowedHosts());
        if (error == null) {
            try {
                long now = started.getEpochSecond();
                HttpRequest request = HttpRequest.newBuilder(URI.create(d.url()))
                        .timeout(properties.timeout())
                        .header("Content-Type", "application/json")
                        .header("User-Agent", "Tierdeck-Webhook")
                        .header("X-Tierdeck-Event", d.eventType())
                        .header("X-Tierdeck-Delivery", d.eventId())
                        .header(Signature.HEADER, Signature.header(d.secret(), now, d.body()))
                        .POST(HttpRequest.BodyPublishers.ofString(d.body(), StandardCharsets.UTF_8))
                        .build();
                HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
                code = response.statusCode();
                if (code < 200 || code > 299) {
                    error = "the receiver answered " + code;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                error = "interrupted";
            } catch (java.io.IOException | IllegalArgumentException e) {
                error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            }
        }
        record(d, started, code, error);
    }

    private void record(Due d, Instant started, @Nullable Integer code, @Nullable String error) {
        Instant now = clock.instant();
        int attempts = d.attempts() + 1;
        String cut = error == null ? null : error.length() > ERROR_LIMIT ? error.substring(0, ERROR_LIMIT) : error;
        boolean delivered = error == null;
        boolean givenUp = !delivered && attempts >= properties.maxAttempts();
        transaction.executeWithoutResult(status -> {
            jdbc.sql("""
                            insert into webhook_attempt (delivery_id, attempted_at, status_code, error, duration_ms)
                            values (:id, :at, :code, :error, :ms)""")
                    .param("id", d.id())
                    .param("at", Timestamp.from(started))
                    .param("code", code)
                    .param("error", cut)
                    .param("ms", (int) Math.min(
                            Integer.MAX_VALUE, Duration.between(started, now).toMillis()))
                    .update();
            jdbc.sql("""
                            update webhook_delivery set attempts = :attempts, last_status_code = :code,
                                last_error = :error, status = :status, next_attempt_at = :next, finished_at = :finished
                            where id = :id""")
                    .param("id", d.id())
                    .param("attempts", attempts)
                    .param("code", code)
                    .param("error", cut)
                    .param("status", delivered ? "DELIVERED" : givenUp ? "FAILED" : "PENDING")
                    .param("next", delivered || givenUp ? null : Timestamp.from(now.plus(properties.backoff(attempts))))
                    .param("finished", delivered || givenUp ? Timestamp.from(now) : null)
                    .update();
        });
    }

    /** Deletes finished deliveries (and their attempts) older than the retention, at most hourly. */
    void purge() {
        Instant now = clock.instant();
        if (Duration.between(lastPurge, now).compareTo(Duration.ofHours(1)) < 0) {
            return;
        }
        lastPurge = now;
        jdbc.sql("delete from webhook_delivery where status <> 'PENDING' and created_at < :before")
                .param("before", Timestamp.from(now.minus(properties.retention())))
                .update();
        jdbc.sql("delete from drift_notice where noticed_at < :before")
                .param("before", Timestamp.from(now.minus(properties.retention())))
                .update();
    }
}
