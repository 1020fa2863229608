package dev.tierdeck.flow;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** How far the stored flow history reaches, for the admin panel. */
public interface FlowHistory {

    /** The oldest and newest stored bucket and the number of stored rows; reads the whole table, so not cheap. */
    Extent extent();

    /**
     * @param oldestBucket start of the oldest stored bucket; {@code null} when nothing is stored
     * @param newestBucket start of the newest stored bucket; {@code null} when nothing is stored
     * @param rows stored rows (one per flow key and bucket)
     */
    record Extent(@Nullable Instant oldestBucket, @Nullable Instant newestBucket, long rows) {}
}
