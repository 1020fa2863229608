package dev.tierdeck.flow.store;

import dev.tierdeck.flow.FlowRecord;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The write path: one {@code INSERT ... SELECT FROM unnest(arrays) ON CONFLICT DO UPDATE} per chunk, so a
 * chunk of thousands of flows costs one statement with 26 array parameters instead of thousands of rows'
 * worth of parameters or round trips.
 */
@Component
class FlowUpserts {

    static final int CHUNK = 2000;

    private static final String SQL = """
            insert into flow_bucket (bucket_start, key_hash,
                   source_name, source_namespace, source_type, source_labels,
                   dest_name, dest_namespace, dest_type, dest_labels,
                   protocol, dest_port, reporter, action, pending_action,
                   enforced_policies, pending_policies, first_start, last_end,
                   packets_in, packets_out, bytes_in, bytes_out,
                   connections_started, connections_completed, connections_live)
            select b, k, sn, sns, st, sl::jsonb, dn, dns, dt, dl::jsonb, pr, po, re, ac, pa, ep::jsonb, pp::jsonb,
                   fs, le, pi, pko, bi, bo, cs, cc, cl
              from unnest(?::timestamptz[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[],
                          ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::int[], ?::text[], ?::text[],
                          ?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::timestamptz[],
                          ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[])
                   as t(b, k, sn, sns, st, sl, dn, dns, dt, dl, pr, po, re, ac, pa, ep, pp, fs, le,
                        pi, pko, bi, bo, cs, cc, cl)
            on conflict (bucket_start, key_hash) do update set
                   source_labels = excluded.source_labels,
                   dest_labels = excluded.dest_labels,
                   first_start = least(flow_bucket.first_start, excluded.first_start),
                   last_end = greatest(flow_bucket.last_end, excluded.last_end),
                   packets_in = flow_bucket.packets_in + excluded.packets_in,
                   packets_out = flow_bucket.packets_out + excluded.packets_out,
                   bytes_in = flow_bucket.bytes_in + excluded.bytes_in,
                   bytes_out = flow_bucket.bytes_out + excluded.bytes_out,
                   connections_started = flow_bucket.connections_started + excluded.connections_started,
                   connections_completed = flow_bucket.connections_completed + excluded.connections_completed,
                   connections_live = greatest(flow_bucket.connections_live, excluded.connections_live)
            """;

    private final JdbcTemplate jdbc;

    FlowUpserts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A flow summed into its bucket. */
    record Row(Instant bucket, FlowRecord flow) {
        Row merge(FlowRecord other) {
            FlowRecord f = flow;
            return new Row(
                    bucket,
                    new FlowRecord(
                            f.start().isBefore(other.start()) ? f.start() : other.start(),
                            f.end().isAfter(other.end()) ? f.end() : other.end(),
                            other.source(),
                            other.destination(),
                            f.protocol(),
                            f.port(),
                            f.reporter(),
                            f.action(),
                            f.enforced(),
                            f.pending(),
                            f.counts().plus(other.counts())));
        }
    }

    /** Writes the rows, {@code keys.get(i)} being the key of {@code rows.get(i)}; call inside a transaction. */
    void write(List<Row> rows, List<UUID> keys) {
        for (int from = 0; from < rows.size(); from += CHUNK) {
            int to = Math.min(rows.size(), from + CHUNK);
            List<Row> chunk = rows.subList(from, to);
            List<UUID> chunkKeys = keys.subList(from, to);
            jdbc.execute((Connection c) -> {
                try (PreparedStatement ps = c.prepareStatement(SQL)) {
                    bind(c, ps, chunk, chunkKeys);
                    ps.executeUpdate();
                }
                return null;
            });
        }
    }

    private static void bind(Connection c, PreparedStatement ps, List<Row> rows, List<UUID> keys) throws SQLException {
        int n = rows.size();
        Timestamp[] b = new Timestamp[n];
        UUID[] k = keys.toArray(new UUID[0]);
        String[] sn = new String[n], sns = new String[n], st = new String[n], sl = new String[n];
        String[] dn = new String[n], dns = new String[n], dt = new String[n], dl = new String[n];
        String[] pr = new String[n], re = new String[n], ac = new String[n], pa = new String[n];
        String[] ep = new String[n], pp = new String[n];
        Integer[] po = new Integer[n];
        Timestamp[] fs = new Timestamp[n], le = new Timestamp[n];
        Long[] pi = new Long[n], pko = new Long[n], bi = new Long[n], bo = new Long[n];
        Long[] cs = new Long[n], cc = new Long[n], cl = new Long[n];
        for (int i = 0; i < n; i++) {
            Row r = rows.get(i);
            FlowRecord f = r.flow();
            b[i] = Timestamp.from(r.bucket());
            sn[i] = f.source().name();
            sns[i] = f.source().namespace();
            st[i] = f.source().type().name();
            sl[i] = FlowJson.labels(f.source().labels());
            dn[i] = f.destination().name();
            dns[i] = f.destination().namespace();
            dt[i] = f.destination().type().name();
            dl[i] = FlowJson.labels(f.destination().labels());
            pr[i] = f.protocol();
            po[i] = f.port();
            re[i] = f.reporter().name();
            ac[i] = f.action().name();
            pa[i] = f.pendingAction() == null ? null : f.pendingAction().name();
            ep[i] = FlowJson.hits(f.enforced());
            pp[i] = FlowJson.hits(f.pending());
            fs[i] = Timestamp.from(f.start());
            le[i] = Timestamp.from(f.end());
            pi[i] = f.counts().packetsIn();
            pko[i] = f.counts().packetsOut();
            bi[i] = f.counts().bytesIn();
            bo[i] = f.counts().bytesOut();
            cs[i] = f.counts().connectionsStarted();
            cc[i] = f.counts().connectionsCompleted();
            cl[i] = f.counts().connectionsLive();
        }
        Object[][] text = {sn, sns, st, sl, dn, dns, dt, dl};
        int p = 1;
        ps.setArray(p++, c.createArrayOf("timestamptz", b));
        ps.setArray(p++, c.createArrayOf("uuid", k));
        for (Object[] a : text) {
            ps.setArray(p++, c.createArrayOf("text", a));
        }
        ps.setArray(p++, c.createArrayOf("text", pr));
        ps.setArray(p++, c.createArrayOf("int4", po));
        for (Object[] a : new Object[][] {re, ac, pa, ep, pp}) {
            ps.setArray(p++, c.createArrayOf("text", a));
        }
        ps.setArray(p++, c.createArrayOf("timestamptz", fs));
        ps.setArray(p++, c.createArrayOf("timestamptz", le));
        for (Long[] a : List.of(pi, pko, bi, bo, cs, cc, cl)) {
            Array array = c.createArrayOf("int8", a);
            ps.setArray(p++, array);
        }
    }
}
