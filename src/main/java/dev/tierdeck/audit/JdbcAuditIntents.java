package dev.tierdeck.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@link AuditIntents} in table {@code change_intent} (V75). */
final class JdbcAuditIntents implements AuditIntents {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final AuditLog log;
    private final TransactionTemplate ownTransaction;
    private final TransactionTemplate joinOrStart;
    private final Clock clock;

    JdbcAuditIntents(JdbcClient jdbc, AuditLog log, PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.log = log;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.joinOrStart = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    @Override
    public AuditIntent intend(AuditEntry entry, String payloadJson) {
        try {
            JSON.readTree(payloadJson);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("the intent's payload is not valid JSON", e);
        }
        AuditIntent intent = new AuditIntent(UUID.randomUUID(), entry, payloadJson, clock.instant());
        ownTransaction.executeWithoutResult(status -> jdbc.sql("""
                        insert into change_intent (id, action, entry_json, payload_json, recorded_at)
                        values (:id, :action, cast(:entry as jsonb), cast(:payload as jsonb), :at)""")
                .param("id", intent.id())
                .param("action", entry.action())
                .param("entry", JSON.writeValueAsString(toMap(entry)))
                .param("payload", payloadJson)
                .param("at", Timestamp.from(intent.recordedAt()))
                .update());
        return intent;
    }

    @Override
    public boolean settle(UUID id) {
        return settleWith(id, null);
    }

    @Override
    public boolean settle(UUID id, String note) {
        return settleWith(id, note);
    }

    private boolean settleWith(UUID id, @Nullable String note) {
        Boolean settled = joinOrStart.execute(status -> {
            // deleting first takes the row: of two settlers racing, exactly one gets the entry
            Optional<String> entry = jdbc.sql("delete from change_intent where id = :id returning entry_json::text")
                    .param("id", id)
                    .query(String.class)
                    .optional();
            entry.ifPresent(json -> log.record(withNote(fromJson(json), note)));
            return entry.isPresent();
        });
        return Boolean.TRUE.equals(settled);
    }

    @Override
    public boolean discharge(UUID id) {
        Integer deleted = joinOrStart.execute(status -> jdbc.sql("delete from change_intent where id = :id")
                .param("id", id)
                .update());
        return deleted != null && deleted > 0;
    }

    @Override
    public void abandon(UUID id) {
        ownTransaction.executeWithoutResult(status -> jdbc.sql("delete from change_intent where id = :id")
                .param("id", id)
                .update());
    }

    @Override
    public List<AuditIntent> pending(String actionPrefix, Duration olderThan) {
        return jdbc.sql("""
                        select id, entry_json::text as entry, payload_json::text as payload, recorded_at
                        from change_intent where action like :prefix and recorded_at < :before
                        order by recorded_at limit 100""")
                .param("prefix", actionPrefix.replace("%", "\\%").replace("_", "\\_") + "%")
                .param("before", Timestamp.from(clock.instant().minus(olderThan)))
                .query(JdbcAuditIntents::intent)
                .list();
    }

    private static AuditIntent intent(ResultSet rs, int row) throws SQLException {
        return new AuditIntent(
                rs.getObject("id", UUID.class),
                fromJson(rs.getString("entry")),
                rs.getString("payload"),
                rs.getTimestamp("recorded_at").toInstant());
    }

    private static AuditEntry withNote(AuditEntry e, @Nullable String note) {
        if (note == null) {
            return e;
        }
        String reason = e.reason() == null ? note : e.reason() + " (" + note + ")";
        return new AuditEntry(
                e.actor(),
                e.action(),
                e.targetKind(),
                e.namespace(),
                e.targetName(),
                e.tier(),
                reason.length() > AuditText.REASON_LIMIT ? e.reason() : reason,
                e.before(),
                e.after(),
                e.impactJson(),
                e.correlationId());
    }

    private static Map<String, @Nullable Object> toMap(AuditEntry e) {
        Map<String, @Nullable Object> m = new LinkedHashMap<>();
        m.put("issuer", e.actor().issuer());
        m.put("subject", e.actor().subject());
        m.put("displayName", e.actor().displayName());
        m.put("action", e.action());
        m.put("targetKind", e.targetKind());
        m.put("namespace", e.namespace());
        m.put("targetName", e.targetName());
        m.put("tier", e.tier());
        m.put("reason", e.reason());
        m.put("before", e.before());
        m.put("after", e.after());
        m.put("impactJson", e.impactJson());
        m.put("correlationId", e.correlationId());
        return m;
    }

    private static AuditEntry fromJson(String json) {
        JsonNode n = JSON.readTree(json);
        return new AuditEntry(
                new Actor(text(n, "issuer"), text(n, "subject"), text(n, "displayName")),
                text(n, "action"),
                optional(n, "targetKind"),
                optional(n, "namespace"),
                optional(n, "targetName"),
                optional(n, "tier"),
                optional(n, "reason"),
                optional(n, "before"),
                optional(n, "after"),
                optional(n, "impactJson"),
                optional(n, "correlationId"));
    }

    private static String text(JsonNode n, String field) {
        return n.path(field).asString();
    }

    private static @Nullable String optional(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asString();
    }
}
