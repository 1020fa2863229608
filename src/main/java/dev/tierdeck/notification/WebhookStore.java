package dev.tierdeck.notification;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Webhooks and their deliveries in PostgreSQL. */
@Repository
class WebhookStore {

    private static final String COLUMNS =
            "id, name, url, format, event_types, enabled, created_at, created_by, updated_at, updated_by";

    private final JdbcClient jdbc;

    WebhookStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Webhook> list() {
        return jdbc.sql("select " + COLUMNS + " from webhook order by name")
                .query(WebhookStore::webhook)
                .list();
    }

    Optional<Webhook> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from webhook where id = :id")
                .param("id", id)
                .query(WebhookStore::webhook)
                .optional();
    }

    boolean nameTaken(String name, @Nullable Long except) {
        return jdbc.sql("select count(*) from webhook where lower(name) = lower(:name) and id <> :except")
                        .param("name", name)
                        .param("except", except == null ? -1L : except)
                        .query(Long.class)
                        .single()
                > 0;
    }

    long count() {
        return jdbc.sql("select count(*) from webhook").query(Long.class).single();
    }

    long create(
            String name,
            String url,
            String format,
            List<String> events,
            String secret,
            boolean enabled,
            String by,
            Instant at) {
        return jdbc.sql("""
                        insert into webhook (name, url, format, event_types, secret, enabled, created_at, created_by,
                            updated_at, updated_by)
                        values (:name, :url, :format, cast(:events as text[]), :secret, :enabled, :at, :by, :at, :by)
                        returning id""")
                .param("name", name)
                .param("url", url)
                .param("format", format)
                .param("events", array(events))
                .param("secret", secret)
                .param("enabled", enabled)
                .param("at", Timestamp.from(at))
                .param("by", by)
                .query(Long.class)
                .single();
    }

    void update(
            long id,
            String name,
            String url,
            String format,
            List<String> events,
            @Nullable String secret,
            boolean enabled,
            String by,
            Instant at) {
        jdbc.sql("""
                        update webhook set name = :name, url = :url, format = :format,
                            event_types = cast(:events as text[]), secret = coalesce(:secret, secret),
                            enabled = :enabled, updated_at = :at, updated_by = :by
                        where id = :id""")
                .param("id", id)
                .param("name", name)
                .param("url", url)
                .param("format", format)
                .param("events", array(events))
                .param("secret", secret)
                .param("enabled", enabled)
                .param("at", Timestamp.from(at))
                .param("by", by)
                .update();
    }

    void delete(long id) {
        jdbc.sql("delete from webhook where id = :id").param("id", id).update();
    }

    /** The newest deliveries, of one webhook or of all, at most {@code limit}. */
    List<Delivery> deliveries(@Nullable Long webhook, int limit) {
        return jdbc.sql("""
                        select d.id, d.webhook_id, w.name, d.event_id, d.event_type, d.created_at, d.status,
                            d.attempts, d.next_attempt_at, d.last_status_code, d.last_error, d.finished_at
                        from webhook_delivery d join webhook w on w.id = d.webhook_id
                        where (cast(:webhook as bigint) is null or d.webhook_id = :webhook)
                        order by d.id desc limit :limit""")
                .param("webhook", webhook)
                .param("limit", limit)
                .query((rs, row) -> new Delivery(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getTimestamp(6).toInstant(),
                        rs.getString(7),
                        rs.getInt(8),
                        instant(rs.getTimestamp(9)),
                        (Integer) rs.getObject(10),
                        rs.getString(11),
                        instant(rs.getTimestamp(12))))
                .list();
    }

    private static @Nullable Instant instant(@Nullable Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    /** A text[] literal for the cast: every id is one of the known event ids, which need no quoting. */
    private static String array(List<String> values) {
        return "{" + String.join(",", values) + "}";
    }

    private static Webhook webhook(ResultSet rs, int row) throws SQLException {
        Array events = rs.getArray("event_types");
        return new Webhook(
                rs.getLong("id"),
                rs.getString("name"),
                rs.getString("url"),
                rs.getString("format"),
                Arrays.asList((String[]) events.getArray()),
                rs.getBoolean("enabled"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getString("created_by"),
                rs.getTimestamp("updated_at").toInstant(),
                rs.getString("updated_by"));
    }
}
