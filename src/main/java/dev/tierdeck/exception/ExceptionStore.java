package dev.tierdeck.exception;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The exceptions in PostgreSQL: the only record of what is owed to the cluster, so nothing is kept in memory. */
@Repository
class ExceptionStore {

    /** The most exceptions one list shows; older ones are left out, newest first. */
    static final int LIST_LIMIT = 500;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;

    ExceptionStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores a new request and returns it with its id. */
    PolicyException insert(PolicyException e) {
        long id = jdbc.sql("""
                        insert into policy_exception (state, namespace, flow_json, scope_json, tier, tier_owners,
                            denied_by, reason, requested_seconds, requester_issuer, requester_subject, requester,
                            requester_name, requested_at)
                        values (:state, :namespace, :flow, :scope, :tier, :owners, :deniedBy, :reason, :seconds,
                            :issuer, :subject, :requester, :requesterName, :requestedAt)
                        returning id""")
                .param("state", e.state().name())
                .param("namespace", e.namespace())
                .param("flow", e.flowJson())
                .param("scope", JSON.writeValueAsString(new Stored(e.target(), e.requested())))
                .param("tier", e.tier())
                .param("owners", String.join(",", e.tierOwners()))
                .param("deniedBy", e.deniedBy())
                .param("reason", e.reason())
                .param("seconds", e.requestedDuration().toSeconds())
                .param("issuer", e.requester().issuer())
                .param("subject", e.requester().subject())
                .param("requester", e.requester().username())
                .param("requesterName", e.requester().displayName())
                .param("requestedAt", Timestamp.from(e.requestedAt()))
                .query(Long.class)
                .single();
        return find(id).orElseThrow();
    }

    /**
     * Writes a decision or an end, only if the row is still in {@code from} (another replica or request may have
     * decided it meanwhile).
     *
     * @return whether the row was changed
     */
    boolean update(PolicyException e, ExceptionState from) {
        PolicyException.Person approver = e.approver();
        return jdbc.sql("""
                        update policy_exception set state = :state, decided_by = :decidedBy,
                            decided_by_name = :decidedByName, decided_by_groups = :groups, decided_at = :decidedAt,
                            decision_reason = :decisionReason, granted_scope_json = :granted, expires_at = :expiresAt,
                            policy_name = :policyName, reminded_at = :remindedAt, removed_at = :removedAt
                        where id = :id and state = :from""")
                        .param("state", e.state().name())
                        .param("decidedBy", approver == null ? null : approver.username())
                        .param("decidedByName", approver == null ? null : approver.displayName())
                        .param("groups", String.join(",", e.approverGroups()))
                        .param("decidedAt", timestamp(e.decidedAt()))
                        .param("decisionReason", e.decisionReason())
                        .param("granted", e.granted() == null ? null : JSON.writeValueAsString(e.granted()))
                        .param("expiresAt", timestamp(e.expiresAt()))
                        .param("policyName", e.policyName())
                        .param("remindedAt", timestamp(e.remindedAt()))
                        .param("removedAt", timestamp(e.removedAt()))
                        .param("id", e.id())
                        .param("from", from.name())
                        .update()
                == 1;
    }

    Optional<PolicyException> find(long id) {
        return jdbc.sql("select * from policy_exception where id = :id")
                .param("id", id)
                .query(ExceptionStore::row)
                .optional();
    }

    /** Newest first; all of them when {@code namespaces} is null, else those of these namespaces. */
    List<PolicyException> list(@Nullable Collection<String> namespaces) {
        if (namespaces != null && namespaces.isEmpty()) {
            return List.of();
        }
        String where = namespaces == null ? "" : " where namespace in (:namespaces)";
        var statement = jdbc.sql("select * from policy_exception" + where + " order by id desc limit " + LIST_LIMIT);
        if (namespaces != null) {
            statement = statement.param("namespaces", List.copyOf(namespaces));
        }
        return statement.query(ExceptionStore::row).list();
    }

    /** Active exceptions whose time ran out at {@code now}, oldest first. */
    List<PolicyException> expiredBy(Instant now) {
        return jdbc.sql("select * from policy_exception where state = 'ACTIVE' and expires_at <= :now order by"
                        + " expires_at, id limit " + LIST_LIMIT)
                .param("now", Timestamp.from(now))
                .query(ExceptionStore::row)
                .list();
    }

    /** Active exceptions expiring before {@code until} whose people were not reminded yet. */
    List<PolicyException> unremindedBefore(Instant until) {
        return jdbc.sql("select * from policy_exception where state = 'ACTIVE' and reminded_at is null and expires_at"
                        + " <= :until order by expires_at, id limit " + LIST_LIMIT)
                .param("until", Timestamp.from(until))
                .query(ExceptionStore::row)
                .list();
    }

    /** Marks the reminder sent; false when another replica did it first. */
    boolean reminded(long id, Instant at) {
        return jdbc.sql("update policy_exception set reminded_at = :at where id = :id and reminded_at is null")
                        .param("at", Timestamp.from(at))
                        .param("id", id)
                        .update()
                == 1;
    }

    /** Expired and revoked exceptions whose policy the cluster has not yet been seen without, oldest first. */
    List<PolicyException> removalsOwed() {
        return jdbc.sql("select * from policy_exception where removed_at is null and state in ('EXPIRED', 'REVOKED')"
                        + " order by id limit " + LIST_LIMIT)
                .query(ExceptionStore::row)
                .list();
    }

    /** Records the cluster's confirmation; false when it was recorded already. */
    boolean removed(long id, Instant at) {
        return jdbc.sql("update policy_exception set removed_at = :at, last_removal_error = null where id = :id and"
                                + " removed_at is null and state in ('EXPIRED', 'REVOKED')")
                        .param("at", Timestamp.from(at))
                        .param("id", id)
                        .update()
                == 1;
    }

    /** Counts a failed removal, with the cluster's answer, so the list can say why the policy is still there. */
    void removalFailed(long id, String error) {
        jdbc.sql("update policy_exception set removal_attempts = removal_attempts + 1, last_removal_error = :error"
                        + " where id = :id")
                .param("error", error.length() > 2000 ? error.substring(0, 2000) : error)
                .param("id", id)
                .update();
    }

    /** What {@code scope_json} holds: the target fixed at the request and the scope asked for. */
    private record Stored(ExceptionTarget target, ExceptionScope scope) {}

    private static PolicyException row(ResultSet rs, int n) throws SQLException {
        Stored stored = JSON.readValue(rs.getString("scope_json"), Stored.class);
        String granted = rs.getString("granted_scope_json");
        String decidedBy = rs.getString("decided_by");
        String owners = rs.getString("tier_owners");
        String groups = rs.getString("decided_by_groups");
        return new PolicyException(
                rs.getLong("id"),
                ExceptionState.valueOf(rs.getString("state")),
                rs.getString("namespace"),
                rs.getString("flow_json"),
                stored.target(),
                stored.scope(),
                rs.getString("tier"),
                split(owners),
                rs.getString("denied_by"),
                rs.getString("reason"),
                Duration.ofSeconds(rs.getLong("requested_seconds")),
                new PolicyException.Person(
                        rs.getString("requester_issuer"),
                        rs.getString("requester_subject"),
                        rs.getString("requester"),
                        rs.getString("requester_name")),
                instant(rs, "requested_at"),
                decidedBy == null
                        ? null
                        : new PolicyException.Person("", decidedBy, decidedBy, rs.getString("decided_by_name")),
                split(groups),
                nullableInstant(rs, "decided_at"),
                rs.getString("decision_reason"),
                granted == null ? null : JSON.readValue(granted, ExceptionScope.class),
                nullableInstant(rs, "expires_at"),
                rs.getString("policy_name"),
                nullableInstant(rs, "reminded_at"),
                nullableInstant(rs, "removed_at"),
                rs.getInt("removal_attempts"),
                rs.getString("last_removal_error"));
    }

    private static List<String> split(@Nullable String csv) {
        return csv == null || csv.isEmpty() ? List.of() : Arrays.asList(csv.split(","));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getTimestamp(column).toInstant();
    }

    private static @Nullable Instant nullableInstant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static @Nullable Timestamp timestamp(@Nullable Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
