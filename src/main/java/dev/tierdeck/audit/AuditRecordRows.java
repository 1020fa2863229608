package dev.tierdeck.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import org.springframework.jdbc.core.RowMapper;

/** How an {@link AuditRecord} is read from {@code audit_record}. */
final class AuditRecordRows {

    /** Every column, the impact evidence as PostgreSQL prints its {@code jsonb} (the text the hash covers). */
    static final String COLUMNS = "id, occurred_at, actor_issuer, actor_subject, actor_display_name, action,"
            + " target_kind, namespace, target_name, tier, reason, before_yaml, after_yaml, impact::text as impact,"
            + " correlation_id, previous_hash, hash";

    static final RowMapper<AuditRecord> MAPPER = (rs, row) -> read(rs);

    private AuditRecordRows() {}

    static AuditRecord read(ResultSet rs) throws SQLException {
        return new AuditRecord(
                rs.getLong("id"),
                rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                new Actor(
                        rs.getString("actor_issuer"),
                        rs.getString("actor_subject"),
                        rs.getString("actor_display_name")),
                rs.getString("action"),
                rs.getString("target_kind"),
                rs.getString("namespace"),
                rs.getString("target_name"),
                rs.getString("tier"),
                rs.getString("reason"),
                rs.getString("before_yaml"),
                rs.getString("after_yaml"),
                rs.getString("impact"),
                rs.getString("correlation_id"),
                rs.getString("previous_hash"),
                rs.getString("hash"));
    }
}
