package dev.tierdeck.flow.store;

import dev.tierdeck.flow.FlowHistory;
import java.sql.Timestamp;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** {@link FlowHistory} over the partitioned {@code flow_bucket} table. */
@Component
class JdbcFlowHistory implements FlowHistory {

    private final JdbcTemplate jdbc;

    JdbcFlowHistory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Extent extent() {
        Extent extent = jdbc.queryForObject(
                "select min(bucket_start), max(bucket_start), count(*) from flow_bucket",
                (rs, n) -> new Extent(instant(rs.getTimestamp(1)), instant(rs.getTimestamp(2)), rs.getLong(3)));
        return extent == null ? new Extent(null, null, 0) : extent;
    }

    private static java.time.@Nullable Instant instant(@Nullable Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
