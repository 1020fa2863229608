package dev.tierdeck.flow.store;

import dev.tierdeck.flow.EndpointType;
import dev.tierdeck.flow.FlowAction;
import dev.tierdeck.flow.FlowCounts;
import dev.tierdeck.flow.FlowEndpoint;
import dev.tierdeck.flow.FlowRecord;
import dev.tierdeck.flow.Reporter;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Reads a {@code flow_bucket} row (or an aggregate with the same column names) back into a record. */
final class FlowRows {

    private FlowRows() {}

    static FlowRecord record(ResultSet rs) throws SQLException {
        return new FlowRecord(
                rs.getTimestamp("first_start").toInstant(),
                rs.getTimestamp("last_end").toInstant(),
                new FlowEndpoint(
                        rs.getString("source_name"),
                        rs.getString("source_namespace"),
                        EndpointType.valueOf(rs.getString("source_type")),
                        FlowJson.labels(rs.getString("source_labels"))),
                new FlowEndpoint(
                        rs.getString("dest_name"),
                        rs.getString("dest_namespace"),
                        EndpointType.valueOf(rs.getString("dest_type")),
                        FlowJson.labels(rs.getString("dest_labels"))),
                rs.getString("protocol"),
                rs.getInt("dest_port"),
                Reporter.valueOf(rs.getString("reporter")),
                FlowAction.valueOf(rs.getString("action")),
                FlowJson.hits(rs.getString("enforced_policies")),
                FlowJson.hits(rs.getString("pending_policies")),
                new FlowCounts(
                        rs.getLong("packets_in"),
                        rs.getLong("packets_out"),
                        rs.getLong("bytes_in"),
                        rs.getLong("bytes_out"),
                        rs.getLong("connections_started"),
                        rs.getLong("connections_completed"),
                        rs.getLong("connections_live")));
    }
}
