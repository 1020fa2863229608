package dev.tierdeck.notification;

import java.sql.Timestamp;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes one delivery row per webhook that subscribes to an event, in the caller's transaction: the rows commit with
 * the change they report, or vanish with it. The worker ({@link DeliveryWorker}) sends them later.
 */
@Component
class Outbox {

    private final JdbcClient jdbc;
    private final NotificationProperties properties;
    private final @Nullable String publicUrl;

    Outbox(JdbcClient jdbc, NotificationProperties properties, Environment environment) {
        this.jdbc = jdbc;
        this.properties = properties;
        String url = environment.getProperty("tierdeck.public-url");
        this.publicUrl = url == null || url.isBlank() ? null : url.replaceAll("/+$", "");
    }

    /** @return how many deliveries were written */
    @Transactional(propagation = Propagation.REQUIRED)
    int enqueue(Notice notice) {
        List<Target> targets = jdbc.sql("""
                        select id, format from webhook
                        where enabled and :type = any(event_types)
                        order by id""")
                .param("type", notice.type().id())
                .query((rs, row) -> new Target(rs.getLong("id"), rs.getString("format")))
                .list();
        for (Target t : targets) {
            jdbc.sql("""
                            insert into webhook_delivery (webhook_id, event_id, event_type, body, created_at, status,
                                attempts, next_attempt_at)
                            values (:webhook, :event, :type, :body, :at, 'PENDING', 0, :at)""")
                    .param("webhook", t.id())
                    .param("event", notice.id())
                    .param("type", notice.type().id())
                    .param("body", Bodies.render(t.format(), notice, publicUrl, properties.maxBodyBytes()))
                    .param("at", Timestamp.from(notice.at()))
                    .update();
        }
        return targets.size();
    }

    /** Records that a drift was announced; 0 when it already was. */
    int remember(String driftId, Timestamp detectedAt, Timestamp now) {
        return jdbc.sql("""
                        insert into drift_notice (drift_id, detected_at, noticed_at) values (:id, :detected, :now)
                        on conflict (drift_id) do nothing""")
                .param("id", driftId)
                .param("detected", detectedAt)
                .param("now", now)
                .update();
    }

    private record Target(long id, String format) {}
}
