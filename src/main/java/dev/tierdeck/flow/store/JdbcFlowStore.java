package dev.tierdeck.flow.store;

import dev.tierdeck.flow.FlowFilter;
import dev.tierdeck.flow.FlowPage;
import dev.tierdeck.flow.FlowProperties;
import dev.tierdeck.flow.FlowRecord;
import dev.tierdeck.flow.FlowStore;
import dev.tierdeck.flow.StoredFlow;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link FlowStore} on PostgreSQL. Ingest first sums the batch in memory per (bucket, key), because one
 * {@code INSERT ... ON CONFLICT} may not touch a row twice, then writes it with one array-parameter upsert per
 * chunk ({@link FlowUpserts}). Flows older than the retention are ignored: their day would be dropped at once.
 */
@Component
class JdbcFlowStore implements FlowStore {

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final FlowPartitions partitions;
    private final FlowUpserts upserts;
    private final FlowProperties properties;
    private final Clock clock;

    JdbcFlowStore(
            NamedParameterJdbcTemplate jdbc,
            PlatformTransactionManager transactions,
            FlowPartitions partitions,
            FlowUpserts upserts,
            FlowProperties properties,
            ObjectProvider<Clock> clock) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.partitions = partitions;
        this.upserts = upserts;
        this.properties = properties;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @Override
    public int ingest(Collection<FlowRecord> flows) {
        if (flows.isEmpty()) {
            return 0;
        }
        Instant oldest = FlowKeys.bucket(clock.instant().minus(properties.retention()), properties.bucket());
        Map<BucketKey, FlowUpserts.Row> rows = new LinkedHashMap<>();
        int accepted = 0;
        for (FlowRecord f : flows) {
            Instant bucket = FlowKeys.bucket(f.start(), properties.bucket());
            if (bucket.isBefore(oldest)) {
                continue;
            }
            accepted++;
            rows.merge(
                    new BucketKey(bucket, FlowKeys.hash(f)),
                    new FlowUpserts.Row(bucket, f),
                    (a, b) -> a.merge(b.flow()));
        }
        if (rows.isEmpty()) {
            return 0;
        }
        partitions.ensureFor(rows.keySet().stream().map(BucketKey::bucket).toList());
        List<FlowUpserts.Row> all = new ArrayList<>(rows.values());
        List<UUID> keys = rows.keySet().stream().map(BucketKey::key).toList();
        transaction.executeWithoutResult(tx -> upserts.write(all, keys));
        return accepted;
    }

    private record BucketKey(Instant bucket, UUID key) {}

    @Override
    public FlowPage query(FlowFilter filter, int page, int pageSize) {
        if (page < 0 || pageSize < 1) {
            throw new IllegalArgumentException("page must be >= 0 and pageSize >= 1");
        }
        if (filter.namespaces() != null && filter.namespaces().isEmpty()) {
            return new FlowPage(List.of(), page, pageSize, 0);
        }
        MapSqlParameterSource params = new MapSqlParameterSource();
        String where = where(filter, params);
        Long total = jdbc.queryForObject("select count(*) from flow_bucket where " + where, params, Long.class);
        params.addValue("limit", pageSize).addValue("offset", (long) page * pageSize);
        List<StoredFlow> items = jdbc.query(
                "select * from flow_bucket where " + where
                        + " order by bucket_start desc, key_hash limit :limit offset :offset",
                params,
                (rs, n) -> new StoredFlow(rs.getTimestamp("bucket_start").toInstant(), FlowRows.record(rs)));
        return new FlowPage(items, page, pageSize, total == null ? 0 : total);
    }

    private static String where(FlowFilter f, MapSqlParameterSource params) {
        List<String> clauses = new ArrayList<>();
        clauses.add("bucket_start >= :from and bucket_start < :to");
        params.addValue("from", java.sql.Timestamp.from(f.from()));
        params.addValue("to", java.sql.Timestamp.from(f.to()));
        Set<String> ns = f.namespaces();
        if (ns != null) {
            clauses.add("(source_namespace in (:ns) or dest_namespace in (:ns))");
            params.addValue("ns", ns);
        }
        if (f.action() != null) {
            clauses.add("action = :action");
            params.addValue("action", f.action().name());
        }
        if (f.pendingAction() != null) {
            clauses.add("pending_action = :pendingAction");
            params.addValue("pendingAction", f.pendingAction().name());
        }
        if (f.workload() != null) {
            // aggregated names end in "-*": a workload's name is a prefix of them
            clauses.add("(starts_with(source_name, :workload) or starts_with(dest_name, :workload))");
            params.addValue("workload", f.workload());
        }
        if (f.port() != null) {
            clauses.add("dest_port = :port");
            params.addValue("port", f.port());
        }
        if (f.policy() != null) {
            clauses.add("(enforced_policies @> cast(:policy as jsonb) or pending_policies @> cast(:policy as jsonb))");
            params.addValue("policy", FlowJson.policyProbe(f.policy()));
        }
        return String.join(" and ", clauses);
    }

    @Override
    public List<FlowRecord> distinctFlows(Instant from, Instant to, @Nullable Collection<String> namespaces) {
        if (namespaces != null && namespaces.isEmpty()) {
            return List.of();
        }
        MapSqlParameterSource params = new MapSqlParameterSource()
                .addValue("from", java.sql.Timestamp.from(from))
                .addValue("to", java.sql.Timestamp.from(to));
        String nsClause = "";
        if (namespaces != null) {
            nsClause = " and (source_namespace in (:ns) or dest_namespace in (:ns))";
            params.addValue("ns", namespaces);
        }
        return jdbc.query(
                """
                select min(first_start) as first_start, max(last_end) as last_end,
                       min(source_name) as source_name, min(source_namespace) as source_namespace,
                       min(source_type) as source_type,
                       (array_agg(source_labels order by bucket_start desc))[1] as source_labels,
                       min(dest_name) as dest_name, min(dest_namespace) as dest_namespace,
                       min(dest_type) as dest_type,
                       (array_agg(dest_labels order by bucket_start desc))[1] as dest_labels,
                       min(protocol) as protocol, min(dest_port) as dest_port, min(reporter) as reporter,
                       min(action) as action,
                       (array_agg(enforced_policies))[1] as enforced_policies,
                       (array_agg(pending_policies))[1] as pending_policies,
                       sum(packets_in) as packets_in, sum(packets_out) as packets_out,
                       sum(bytes_in) as bytes_in, sum(bytes_out) as bytes_out,
                       sum(connections_started) as connections_started,
                       sum(connections_completed) as connections_completed,
                       max(connections_live) as connections_live
                  from flow_bucket
                 where bucket_start >= :from and bucket_start < :to""" + nsClause + " group by key_hash order by min(first_start), key_hash",
                params,
                (rs, n) -> FlowRows.record(rs));
    }
}
