package dev.tierdeck.tier;

import dev.tierdeck.identity.CurrentUser;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** {@link Guardrails} in PostgreSQL: one row per version, never updated. */
@Component
class GuardrailStore implements Guardrails {

    /** A mapper of its own: the stored form must not change with the web layer's JSON settings. */
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;

    GuardrailStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    @Transactional(readOnly = true)
    public GuardrailVersion current() {
        return jdbc.sql("select * from guardrail_version order by version desc limit 1")
                .query(GuardrailStore::version)
                .optional()
                .orElseGet(GuardrailVersion::builtIn);
    }

    @Override
    @Transactional(readOnly = true)
    public List<GuardrailVersion> history() {
        return jdbc.sql("select * from guardrail_version order by version desc")
                .query(GuardrailStore::version)
                .list();
    }

    /**
     * Saves {@code rules} as the next version. {@code baseVersion} is the version the admin edited: when someone
     * saved another one in between, nothing is written and {@link GuardrailConflictException} says so.
     */
    @Transactional
    GuardrailVersion save(GuardrailRules rules, CurrentUser by, String comment, @Nullable Integer baseVersion) {
        int current = jdbc.sql("select coalesce(max(version), 0) from guardrail_version")
                .query(Integer.class)
                .single();
        if (baseVersion != null && baseVersion != current) {
            throw new GuardrailConflictException(baseVersion, current);
        }
        GuardrailVersion saved = new GuardrailVersion(current + 1, rules, Instant.now(), author(by), comment);
        try {
            jdbc.sql("""
                            insert into guardrail_version (version, rules, created_at, created_by, comment)
                            values (:version, cast(:rules as jsonb), :createdAt, :createdBy, :comment)""")
                    .param("version", saved.version())
                    .param("rules", JSON.writeValueAsString(rules))
                    .param("createdAt", Timestamp.from(saved.createdAt()))
                    .param("createdBy", saved.createdBy())
                    .param("comment", comment)
                    .update();
        } catch (DuplicateKeyException e) {
            throw new GuardrailConflictException(current, current + 1);
        }
        return saved;
    }

    static String author(CurrentUser user) {
        return user.displayName() + " (" + user.username() + ")";
    }

    private static GuardrailVersion version(ResultSet rs, int row) throws SQLException {
        Instant createdAt = rs.getTimestamp("created_at").toInstant();
        return new GuardrailVersion(
                rs.getInt("version"),
                JSON.readValue(rs.getString("rules"), GuardrailRules.class),
                createdAt,
                rs.getString("created_by"),
                rs.getString("comment"));
    }
}
