package dev.tierdeck.promotion;

import dev.tierdeck.policy.ChangeKind;
import dev.tierdeck.policy.PolicyDraft;
import dev.tierdeck.policy.PolicyRef;
import dev.tierdeck.preview.ImpactPreview;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Approval requests in PostgreSQL (table {@code approval_request}). */
@Repository
class ApprovalStore {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String COLUMNS = "id, namespace, policy_name, tier, revision, requested_by, requester_name,"
            + " requested_at, before_yaml, after_yaml, impact_json::text as impact, reasons_json::text as reasons,"
            + " status, decided_by, decider_name, decided_at, comment, change_kind, reason";

    private final JdbcClient jdbc;

    ApprovalStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Opens a request; any request still pending for the same policy is superseded by it. */
    Approval open(
            PolicyRef ref,
            String tier,
            long revision,
            String requestedBy,
            String requesterName,
            Instant at,
            @Nullable String before,
            @Nullable String after,
            ImpactPreview impact,
            List<Approval.Reason> reasons,
            ChangeKind change,
            @Nullable String reason) {
        supersede(ref);
        long id = jdbc.sql("""
                        insert into approval_request (namespace, policy_name, tier, revision, requested_by,
                            requester_name, requested_at, before_yaml, after_yaml, impact_json, reasons_json, status,
                            change_kind, reason)
                        values (:namespace, :name, :tier, :revision, :requestedBy, :requesterName, :at, :before,
                            :after, cast(:impact as jsonb), cast(:reasons as jsonb), 'PENDING', :change, :reason)
                        returning id""")
                .param("namespace", ref.namespace())
                .param("name", ref.name())
                .param("tier", tier)
                .param("revision", revision)
                .param("requestedBy", requestedBy)
                .param("requesterName", requesterName)
                .param("at", Timestamp.from(at))
                .param("before", before)
                .param("after", after)
                .param("impact", JSON.writeValueAsString(impact))
                .param("reasons", JSON.writeValueAsString(reasons))
                .param("change", change.name())
                .param("reason", reason)
                .query(Long.class)
                .single();
        return find(id).orElseThrow();
    }

    Optional<Approval> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from approval_request where id = :id")
                .param("id", id)
                .query(ApprovalStore::row)
                .optional();
    }

    /** Every pending request, oldest first. */
    List<Approval> pending() {
        return jdbc.sql("select " + COLUMNS + " from approval_request where status = 'PENDING' order by id")
                .query(ApprovalStore::row)
                .list();
    }

    /** The newest request of a policy, decided or not. */
    Optional<Approval> latest(PolicyRef ref) {
        return jdbc.sql(
                        "select " + COLUMNS + " from approval_request"
                                + " where coalesce(namespace, '') = :namespace and policy_name = :name order by id desc limit 1")
                .param("namespace", ref.namespace() == null ? "" : ref.namespace())
                .param("name", ref.name())
                .query(ApprovalStore::row)
                .optional();
    }

    /**
     * The request that belongs with the draft as it stands ({@link PolicyDraft#concerns}): the one waiting for its
     * revision, or the one that decided its content or withdrawal; empty when none does (an older request is
     * history).
     */
    Optional<Approval> concerning(PolicyDraft draft) {
        // a draft waiting for a decision has none yet: the newest request is the candidate then
        Long decided = draft.approvalId();
        Optional<Approval> candidate = decided != null ? find(decided) : latest(draft.ref());
        return candidate.filter(a -> draft.concerns(a.id(), a.revision()));
    }

    /**
     * Decides a pending request. Returns false when it was no longer pending (decided by someone else meanwhile, or
     * superseded): the row is then left as it is.
     */
    boolean decide(
            long id,
            Approval.Status status,
            String decidedBy,
            String deciderName,
            Instant at,
            @Nullable String comment) {
        return jdbc.sql("""
                        update approval_request set status = :status, decided_by = :by, decider_name = :name,
                            decided_at = :at, comment = :comment
                        where id = :id and status = 'PENDING'""")
                        .param("status", status.name())
                        .param("by", decidedBy)
                        .param("name", deciderName)
                        .param("at", Timestamp.from(at))
                        .param("comment", comment)
                        .param("id", id)
                        .update()
                == 1;
    }

    /** Marks the policy's pending requests superseded (staged again, or deleted). */
    int supersede(PolicyRef ref) {
        return jdbc.sql("update approval_request set status = 'SUPERSEDED'"
                        + " where coalesce(namespace, '') = :namespace and policy_name = :name and status = 'PENDING'")
                .param("namespace", ref.namespace() == null ? "" : ref.namespace())
                .param("name", ref.name())
                .update();
    }

    private static Approval row(ResultSet rs, int n) throws SQLException {
        Timestamp decidedAt = rs.getTimestamp("decided_at");
        return new Approval(
                rs.getLong("id"),
                new PolicyRef(rs.getString("namespace"), rs.getString("policy_name")),
                rs.getString("tier"),
                rs.getLong("revision"),
                rs.getString("requested_by"),
                rs.getString("requester_name"),
                rs.getTimestamp("requested_at").toInstant(),
                rs.getString("before_yaml"),
                rs.getString("after_yaml"),
                JSON.readValue(rs.getString("impact"), ImpactPreview.class),
                JSON.readValue(rs.getString("reasons"), new TypeReference<List<Approval.Reason>>() {}),
                Approval.Status.valueOf(rs.getString("status")),
                rs.getString("decided_by"),
                rs.getString("decider_name"),
                decidedAt == null ? null : decidedAt.toInstant(),
                rs.getString("comment"),
                ChangeKind.valueOf(rs.getString("change_kind")),
                rs.getString("reason"));
    }
}
