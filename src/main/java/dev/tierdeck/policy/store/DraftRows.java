package dev.tierdeck.policy.store;

import dev.tierdeck.engine.model.CalicoPolicy;
import dev.tierdeck.policy.ChangeKind;
import dev.tierdeck.policy.DamagedPolicy;
import dev.tierdeck.policy.DamagedPolicyException;
import dev.tierdeck.policy.PolicyDraft;
import dev.tierdeck.policy.PolicyRef;
import dev.tierdeck.policy.PolicyState;
import dev.tierdeck.policy.PolicyVersion;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;
import org.springframework.stereotype.Component;

/**
 * The SQL of tables {@code policy_draft} and {@code policy_version}. A global policy is stored under namespace
 * {@code ''}. Every method runs in the caller's transaction.
 */
@Component
class DraftRows {

    private static final Logger log = LoggerFactory.getLogger(DraftRows.class);

    private final JdbcClient jdbc;

    DraftRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A draft row with its stored YAML, which is what an unchanged save is compared against. */
    record Row(PolicyDraft draft, String yaml) {}

    /** A row as stored: decoded, or damaged. */
    record Stored(@Nullable Row row, @Nullable DamagedPolicy damaged, String yaml) {

        /** The row; a damaged one can only be deleted ({@link #lockAny}). */
        Row decoded() {
            if (damaged != null) {
                throw new DamagedPolicyException(damaged);
            }
            return java.util.Objects.requireNonNull(row);
        }
    }

    /** @throws DamagedPolicyException when the stored copy does not decode */
    Optional<Row> find(PolicyRef ref) {
        return jdbc.sql("select * from policy_draft where namespace = :namespace and name = :name")
                .param("namespace", scope(ref))
                .param("name", ref.name())
                .query(DraftRows::stored)
                .optional()
                .map(Stored::decoded);
    }

    /**
     * The row, locked until the transaction ends, so that revision checks and writes cannot interleave.
     *
     * @throws DamagedPolicyException when the stored copy does not decode
     */
    Optional<Row> lock(PolicyRef ref) {
        return lockAny(ref).map(Stored::decoded);
    }

    /** The row locked, whether or not its stored copy decodes. */
    Optional<Stored> lockAny(PolicyRef ref) {
        return jdbc.sql("select * from policy_draft where namespace = :namespace and name = :name for update")
                .param("namespace", scope(ref))
                .param("name", ref.name())
                .query(DraftRows::stored)
                .optional();
    }

    /** The decodable drafts; damaged ones are logged and left to {@link #damaged}, never failing the list. */
    List<PolicyDraft> list(@Nullable String namespace) {
        List<PolicyDraft> drafts = new java.util.ArrayList<>();
        for (Stored stored : all(namespace)) {
            if (stored.row() != null) {
                drafts.add(stored.row().draft());
            } else if (stored.damaged() != null) {
                log.warn(
                        "the stored copy of policy {} does not decode: {}",
                        stored.damaged().ref(),
                        stored.damaged().problem());
            }
        }
        return drafts;
    }

    List<DamagedPolicy> damaged(@Nullable String namespace) {
        return all(namespace).stream()
                .map(Stored::damaged)
                .filter(java.util.Objects::nonNull)
                .toList();
    }

    private List<Stored> all(@Nullable String namespace) {
        return jdbc.sql("select * from policy_draft where namespace = :namespace order by name")
                .param("namespace", namespace == null ? "" : namespace)
                .query(DraftRows::stored)
                .list();
    }

    /** Inserts a new draft at revision 1; false when the name is taken. */
    boolean insert(PolicyDraft draft, String yaml) {
        return bind(jdbc.sql("""
                        insert into policy_draft (namespace, name, kind, tier, state, revision, policy_yaml,
                            updated_by, updated_at, enforced_version, staged_resource_version, note, change_kind,
                            approval_id, change_reason)
                        values (:namespace, :name, :kind, :tier, :state, :revision, :yaml, :by, :at, :enforced,
                            :staged, :note, :change, :approval, :reason)
                        on conflict (namespace, name) do nothing"""), draft, yaml).update() > 0;
    }

    /** Replaces every column of a locked row. */
    void update(PolicyDraft draft, String yaml) {
        bind(jdbc.sql("""
                        update policy_draft set kind = :kind, tier = :tier, state = :state, revision = :revision,
                            policy_yaml = :yaml, updated_by = :by, updated_at = :at, enforced_version = :enforced,
                            staged_resource_version = :staged, note = :note, change_kind = :change,
                            approval_id = :approval, change_reason = :reason
                        where namespace = :namespace and name = :name"""), draft, yaml).update();
    }

    /** Every column of a draft row, for insert and update alike. */
    private static StatementSpec bind(StatementSpec statement, PolicyDraft draft, String yaml) {
        return statement
                .param("namespace", scope(draft.ref()))
                .param("name", draft.ref().name())
                .param("kind", draft.policy().kind().name())
                .param("tier", draft.tier())
                .param("state", draft.state().name())
                .param("revision", draft.revision())
                .param("yaml", yaml)
                .param("by", draft.updatedBy())
                .param("at", Timestamp.from(draft.updatedAt()))
                .param("enforced", draft.enforcedVersion())
                .param("staged", draft.stagedResourceVersion())
                .param("note", draft.note())
                .param("change", draft.change().name())
                .param("approval", draft.approvalId())
                .param("reason", draft.reason());
    }

    void delete(PolicyRef ref) {
        jdbc.sql("delete from policy_draft where namespace = :namespace and name = :name")
                .param("namespace", scope(ref))
                .param("name", ref.name())
                .update();
    }

    int nextVersion(PolicyRef ref) {
        return jdbc.sql("select coalesce(max(version), 0) + 1 from policy_version"
                        + " where namespace = :namespace and name = :name")
                .param("namespace", scope(ref))
                .param("name", ref.name())
                .query(Integer.class)
                .single();
    }

    void insertVersion(PolicyVersion version, String yaml) {
        jdbc.sql("""
                        insert into policy_version (namespace, name, version, kind, tier, policy_yaml, promoted_by,
                            promoted_at, promotion_id, cluster_revision, approval_id)
                        values (:namespace, :name, :version, :kind, :tier, :yaml, :by, :at, :promotion, :revision,
                            :approval)""")
                .param("namespace", scope(version.ref()))
                .param("name", version.ref().name())
                .param("version", version.version())
                .param("kind", version.policy().kind().name())
                .param("tier", version.policy().tier())
                .param("yaml", yaml)
                .param("by", version.promotedBy())
                .param("at", Timestamp.from(version.promotedAt()))
                .param("promotion", version.promotionId())
                .param("revision", version.clusterRevision())
                .param("approval", version.approvalId())
                .update();
    }

    /** Every version that decodes; one that does not is logged and left out rather than failing the list. */
    List<PolicyVersion> versions(PolicyRef ref) {
        List<PolicyVersion> versions = new java.util.ArrayList<>();
        jdbc.sql("select * from policy_version where namespace = :namespace and name = :name"
                        + " order by version desc")
                .param("namespace", scope(ref))
                .param("name", ref.name())
                .query((ResultSet rs) -> {
                    try {
                        versions.add(version(rs, 0));
                    } catch (DamagedPolicyException e) {
                        log.warn(
                                "version {} of policy {} does not decode: {}",
                                rs.getInt("version"),
                                ref,
                                e.damaged().problem());
                    }
                });
        return versions;
    }

    Optional<PolicyVersion> version(PolicyRef ref, int version) {
        return jdbc.sql("select * from policy_version where namespace = :namespace and name = :name"
                        + " and version = :version")
                .param("namespace", scope(ref))
                .param("name", ref.name())
                .param("version", version)
                .query(DraftRows::version)
                .optional();
    }

    Optional<PolicyVersion> versionOfPromotion(PolicyRef ref, String promotionId) {
        return jdbc.sql("select * from policy_version where namespace = :namespace and name = :name"
                        + " and promotion_id = :promotion")
                .param("namespace", scope(ref))
                .param("name", ref.name())
                .param("promotion", promotionId)
                .query(DraftRows::version)
                .optional();
    }

    private static String scope(PolicyRef ref) {
        return ref.namespace() == null ? "" : ref.namespace();
    }

    private static @Nullable String namespace(ResultSet rs) throws SQLException {
        String namespace = rs.getString("namespace");
        return namespace.isEmpty() ? null : namespace;
    }

    private static Stored stored(ResultSet rs, int n) throws SQLException {
        String yaml = rs.getString("policy_yaml");
        PolicyYaml.Decoded decoded = PolicyYaml.read(yaml);
        PolicyRef ref = new PolicyRef(namespace(rs), rs.getString("name"));
        if (decoded.policy() == null) {
            return new Stored(
                    null,
                    new DamagedPolicy(
                            ref,
                            rs.getString("kind"),
                            rs.getString("tier"),
                            PolicyState.valueOf(rs.getString("state")),
                            rs.getLong("revision"),
                            rs.getString("updated_by"),
                            instant(rs, "updated_at"),
                            decoded.problem()),
                    yaml);
        }
        return new Stored(row(rs, decoded.policy(), yaml), null, yaml);
    }

    private static Row row(ResultSet rs, CalicoPolicy policy, String yaml) throws SQLException {
        int enforced = rs.getInt("enforced_version");
        Integer enforcedVersion = rs.wasNull() ? null : enforced;
        PolicyDraft draft = new PolicyDraft(
                new PolicyRef(namespace(rs), rs.getString("name")),
                policy,
                PolicyState.valueOf(rs.getString("state")),
                rs.getLong("revision"),
                rs.getString("updated_by"),
                instant(rs, "updated_at"),
                enforcedVersion,
                rs.getString("staged_resource_version"),
                rs.getString("note"),
                ChangeKind.valueOf(rs.getString("change_kind")),
                nullableLong(rs, "approval_id"),
                rs.getString("change_reason"));
        return new Row(draft, yaml);
    }

    /** @throws DamagedPolicyException when the version's stored copy does not decode */
    private static PolicyVersion version(ResultSet rs, int n) throws SQLException {
        PolicyRef ref = new PolicyRef(namespace(rs), rs.getString("name"));
        PolicyYaml.Decoded decoded = PolicyYaml.read(rs.getString("policy_yaml"));
        if (decoded.policy() == null) {
            throw new DamagedPolicyException(new DamagedPolicy(
                    ref,
                    rs.getString("kind"),
                    rs.getString("tier"),
                    PolicyState.ENFORCED,
                    rs.getInt("version"),
                    rs.getString("promoted_by"),
                    instant(rs, "promoted_at"),
                    decoded.problem()));
        }
        return new PolicyVersion(
                ref,
                rs.getInt("version"),
                decoded.policy(),
                rs.getString("promoted_by"),
                instant(rs, "promoted_at"),
                rs.getString("promotion_id"),
                rs.getString("cluster_revision"),
                nullableLong(rs, "approval_id"));
    }

    private static @Nullable Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getTimestamp(column).toInstant();
    }
}
