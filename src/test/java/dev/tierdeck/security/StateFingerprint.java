package dev.tierdeck.security;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Everything a request could change, in one string: a checksum of the rows of every table of the portal's schema (the
 * session store and the migration history aside, which requests and start-up change by design), and every Calico
 * object in the cluster with its resourceVersion. Two equal fingerprints mean a request left no trace.
 */
final class StateFingerprint {

    /** Tables a request changes without changing anything the portal governs. */
    private static final Set<String> MOVING =
            Set.of("spring_session", "spring_session_attributes", "flyway_schema_history");

    private static final List<String> KINDS = List.of(
            "Tier",
            "NetworkPolicy",
            "StagedNetworkPolicy",
            "GlobalNetworkPolicy",
            "StagedGlobalNetworkPolicy",
            "NetworkSet",
            "GlobalNetworkSet");

    private final JdbcClient jdbc;
    private final KubernetesClient cluster;
    private final String query;
    private final String countQuery;

    StateFingerprint(JdbcClient jdbc, KubernetesClient cluster) {
        this.jdbc = jdbc;
        this.cluster = cluster;
        List<String> tables = jdbc.sql("""
                        select table_name from information_schema.tables
                        where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name""").query(String.class).list().stream()
                .filter(t -> !MOVING.contains(t))
                .toList();
        if (tables.size() < 10) {
            throw new IllegalStateException("the schema has only " + tables);
        }
        this.query = String.join(
                "\nunion all\n",
                tables.stream()
                        .map(t -> "select '" + t + "=' || count(*) || ' ' || coalesce(md5(string_agg(x::text, '|'"
                                + " order by x::text)), '') from " + t + " x")
                        .toList());
        this.countQuery = String.join(
                "\nunion all\n",
                tables.stream()
                        .map(t -> IN_PLACE.contains(t)
                                ? "select '" + t + "=' || count(*) || ' ' || coalesce(md5(string_agg(x::text, '|'"
                                        + " order by x::text)), '') from " + t + " x"
                                : "select '" + t + "=' || count(*) from " + t)
                        .toList());
    }

    /** Small tables whose rows are updated in place. */
    private static final Set<String> IN_PLACE =
            Set.of("team", "tier_governance", "guardrail_version", "approval_request");

    /**
     * A cheaper fingerprint for many requests in a row: the row count of every table, with the checksum of the small
     * tables whose rows a request changes in place (teams, tier governance, guardrails, approval requests). Every
     * change also appends to the audit trail, which the counts cover.
     */
    String counts() {
        return String.join(" ", jdbc.sql(countQuery).query(String.class).list());
    }

    /** The tables the fingerprint covers, one line each with its row count and checksum. */
    String database() {
        return String.join("\n", jdbc.sql(query).query(String.class).list());
    }

    String take() {
        return database() + "\ncluster at " + clusterVersion();
    }

    /**
     * The cluster's resourceVersion, which every write to any object moves on (the API server's list answers carry
     * it): one cheap call instead of listing every kind. {@link #movesOnWrites} checks that it does.
     */
    String clusterVersion() {
        String version = cluster.genericKubernetesResources("projectcalico.org/v3", "Tier")
                .list()
                .getMetadata()
                .getResourceVersion();
        if (version == null || version.isBlank()) {
            throw new IllegalStateException("the cluster's lists carry no resourceVersion");
        }
        return version;
    }

    /** Every Calico object with its resourceVersion, for a message that shows what changed. */
    String clusterObjects() {
        StringBuilder out = new StringBuilder();
        for (String kind : KINDS) {
            cluster.genericKubernetesResources("projectcalico.org/v3", kind).inAnyNamespace().list().getItems().stream()
                    .map(StateFingerprint::line)
                    .sorted()
                    .forEach(line -> out.append(kind).append(' ').append(line).append('\n'));
        }
        return out.toString();
    }

    private static String line(GenericKubernetesResource r) {
        return r.getMetadata().getNamespace() + "/" + r.getMetadata().getName() + " "
                + r.getMetadata().getResourceVersion();
    }
}
