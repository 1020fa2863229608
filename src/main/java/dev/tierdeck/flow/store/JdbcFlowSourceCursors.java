package dev.tierdeck.flow.store;

import dev.tierdeck.flow.FlowSourceCursors;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

@Component
class JdbcFlowSourceCursors implements FlowSourceCursors {

    private final JdbcTemplate jdbc;

    JdbcFlowSourceCursors(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Instant> resumeAt(String source) {
        return jdbc
                .query(
                        "select resume_at from flow_source_cursor where source = ?",
                        (rs, n) -> rs.getTimestamp(1).toInstant(),
                        source)
                .stream()
                .findFirst();
    }

    @Override
    public void save(String source, Instant resumeAt) {
        jdbc.update(
                "insert into flow_source_cursor (source, resume_at) values (?, ?) on conflict (source) do update"
                        + " set resume_at = excluded.resume_at, updated_at = now()",
                source,
                Timestamp.from(resumeAt));
    }
}
