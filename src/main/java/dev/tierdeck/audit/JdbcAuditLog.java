package dev.tierdeck.audit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit trail in PostgreSQL ({@code audit_record}, {@code audit_chain_head}, see V50).
 *
 * <p>Appends serialize on the single row of {@code audit_chain_head} ({@code select ... for update}): the lock
 * is held until the caller's transaction ends, so the next writer, on this replica or another, reads the head
 * only after this record has committed or rolled back. A row lock rather than an advisory lock because under
 * REPEATABLE READ a waiting writer then fails with a serialization error instead of linking to a stale head.
 */
final class JdbcAuditLog implements AuditLog {

    private static final int FETCH_SIZE = 500;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final JdbcTemplate streaming;
    private final TransactionTemplate joinOrStart;
    private final TransactionTemplate readOnly;
    private final ChainVerifier verifier;
    private final int pageSize;

    JdbcAuditLog(DataSource dataSource, PlatformTransactionManager transactions, int pageSize) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("audit page size must be at least 1, got " + pageSize);
        }
        this.jdbc = JdbcClient.create(dataSource);
        this.streaming = new JdbcTemplate(dataSource);
        this.streaming.setFetchSize(FETCH_SIZE);
        this.joinOrStart = new TransactionTemplate(transactions);
        this.joinOrStart.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRED);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        TransactionTemplate snapshot = new TransactionTemplate(transactions);
        snapshot.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshot.setReadOnly(true);
        this.verifier = new ChainVerifier(streaming, snapshot);
        this.pageSize = pageSize;
    }

    @Override
    public AuditRecord record(AuditEntry entry) {
        String impactJson = entry.impactJson();
        // checked before any statement runs: a failing statement would abort the caller's whole transaction
        if (impactJson != null) {
            checkJson(impactJson);
        }
        AuditRecord stored = joinOrStart.execute(status -> append(entry));
        if (stored == null) {
            throw new IllegalStateException("the audit record was not written");
        }
        return stored;
    }

    private AuditRecord append(AuditEntry entry) {
        String previousHash = jdbc.sql("select last_hash from audit_chain_head where chain = 1 for update")
                .query(String.class)
                .optional()
                .orElseThrow(() -> new IllegalStateException(
                        "the audit chain head is missing: the audit tables are not as V50 created them"));
        // after the lock, so that ids and times grow in chain order
        Map<String, @Nullable Object> next = jdbc.sql(
                        "select nextval('audit_record_id_seq') as id, clock_timestamp() as occurred_at,"
                                + " cast(:impact as jsonb)::text as impact")
                .param("impact", entry.impactJson())
                .query()
                .singleRow();
        AuditRecord unsealed = new AuditRecord(
                ((Number) next.get("id")).longValue(),
                ((Timestamp) next.get("occurred_at")).toInstant(),
                entry.actor(),
                entry.action(),
                entry.targetKind(),
                entry.namespace(),
                entry.targetName(),
                entry.tier(),
                entry.reason(),
                entry.before(),
                entry.after(),
                (String) next.get("impact"),
                entry.correlationId(),
                previousHash,
                "");
        AuditRecord record = withHash(unsealed, CanonicalRecord.hash(unsealed));
        jdbc.sql("insert into audit_record (id, occurred_at, actor_issuer, actor_subject, actor_display_name,"
                        + " action, target_kind, namespace, target_name, tier, reason, before_yaml, after_yaml, impact,"
                        + " correlation_id, previous_hash, hash) values (:id, :occurredAt, :issuer, :subject,"
                        + " :displayName, :action, :targetKind, :namespace, :targetName, :tier, :reason, :before,"
                        + " :after, cast(:impact as jsonb), :correlationId, :previousHash, :hash)")
                .param("id", record.id())
                .param("occurredAt", OffsetDateTime.ofInstant(record.occurredAt(), ZoneOffset.UTC))
                .param("issuer", record.actor().issuer())
                .param("subject", record.actor().subject())
                .param("displayName", record.actor().displayName())
                .param("action", record.action())
                .param("targetKind", record.targetKind())
                .param("namespace", record.namespace())
                .param("targetName", record.targetName())
                .param("tier", record.tier())
                .param("reason", record.reason())
                .param("before", record.before())
                .param("after", record.after())
                .param("impact", record.impact())
                .param("correlationId", record.correlationId())
                .param("previousHash", record.previousHash())
                .param("hash", record.hash())
                .update();
        jdbc.sql("update audit_chain_head set last_id = :id, last_hash = :hash where chain = 1")
                .param("id", record.id())
                .param("hash", record.hash())
                .update();
        return record;
    }

    private static AuditRecord withHash(AuditRecord r, String hash) {
        return new AuditRecord(
                r.id(),
                r.occurredAt(),
                r.actor(),
                r.action(),
                r.targetKind(),
                r.namespace(),
                r.targetName(),
                r.tier(),
                r.reason(),
                r.before(),
                r.after(),
                r.impact(),
                r.correlationId(),
                r.previousHash(),
                hash);
    }

    private static void checkJson(String json) {
        // jsonb refuses the escaped NUL character that JSON itself allows
        if (json.contains("\\u0000")) {
            throw new IllegalArgumentException("audit impact evidence contains \\u0000, which PostgreSQL cannot store");
        }
        try {
            JSON.readTree(json);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("audit impact evidence is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public AuditPage find(AuditQuery query, int page) {
        if (page < 0) {
            throw new IllegalArgumentException("audit page must be 0 or more, got " + page);
        }
        AuditFilterSql filter = AuditFilterSql.of(query);
        AuditPage result = readOnly.execute(status -> {
            long total = jdbc.sql("select count(*) from audit_record" + filter.where())
                    .params(filter.parameters())
                    .query(Long.class)
                    .single();
            var records = jdbc.sql("select " + AuditRecordRows.COLUMNS + " from audit_record" + filter.where()
                            + " order by id desc limit :limit offset :offset")
                    .params(filter.parameters())
                    .param("limit", pageSize)
                    .param("offset", (long) page * pageSize)
                    .query(AuditRecordRows.MAPPER)
                    .list();
            return new AuditPage(records, page, pageSize, total);
        });
        if (result == null) {
            throw new IllegalStateException("the audit query returned nothing");
        }
        return result;
    }

    @Override
    public ChainVerification verify() {
        return verifier.verify();
    }

    @Override
    public void export(AuditQuery query, ExportFormat format, OutputStream out) throws IOException {
        AuditFilterSql filter = AuditFilterSql.of(query);
        RecordWriter writer = format == ExportFormat.CSV ? new CsvExport(out) : new JsonExport(out);
        try {
            writer.begin();
            readOnly.executeWithoutResult(status -> new NamedParameterJdbcTemplate(streaming)
                    .query(
                            "select " + AuditRecordRows.COLUMNS + " from audit_record" + filter.where()
                                    + " order by id",
                            filter.parameters(),
                            (ResultSetExtractor<@Nullable Void>) rs -> {
                                while (rs.next()) {
                                    try {
                                        writer.write(AuditRecordRows.read(rs));
                                    } catch (IOException e) {
                                        throw new UncheckedIOException(e);
                                    }
                                }
                                return null;
                            }));
            writer.end();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
