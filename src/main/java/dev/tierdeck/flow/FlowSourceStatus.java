package dev.tierdeck.flow;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The health of a flow source, for {@code GET /api/v1/flows/source} and the admin panel.
 *
 * @param type {@code goldmane} or {@code demo}
 * @param target where the flows come from (Goldmane's address, or the demo cluster)
 * @param connected whether the source is currently delivering (a stream is open, the generator runs)
 * @param active whether this replica runs the source (only the leader does)
 * @param lastFlowAt when the last flow was received
 * @param flowsPerMinute flows received over the last minute
 * @param flowsReceived flows received since start, duplicates excluded
 * @param duplicates flows received again after a reconnect and dropped
 * @param errors failed connections or streams since start
 * @param lastError the last failure's message
 * @param resumeAt the start time from which the next connection asks for flows
 */
public record FlowSourceStatus(
        String type,
        String target,
        boolean connected,
        boolean active,
        @Nullable Instant lastFlowAt,
        long flowsPerMinute,
        long flowsReceived,
        long duplicates,
        long errors,
        @Nullable String lastError,
        @Nullable Instant lastErrorAt,
        @Nullable Instant resumeAt) {}
