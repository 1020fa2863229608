package dev.tierdeck.flow;

import dev.tierdeck.engine.model.ClusterState;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The durable, aggregated flow history. Every source (Goldmane, imported files, the demo feed) writes through
 * {@link #ingest}; readers query a window.
 */
public interface FlowStore {

    /**
     * Adds the flows to their time buckets: flows with the same key in the same bucket are summed (counts),
     * their time span widened and their labels replaced by the newest. Runs in the caller's transaction when
     * there is one, otherwise in its own; either all flows are stored or none. Not idempotent: ingesting the same
     * flow twice counts it twice.
     *
     * @return the number of flows ingested
     */
    int ingest(Collection<FlowRecord> flows);

    /** Stored buckets matching the filter, newest first; {@code page} counts from 0. */
    FlowPage query(FlowFilter filter, int page, int pageSize);

    /**
     * Every distinct flow of the window, aggregated over its buckets (counts summed, span widened), for replaying
     * history through the engine. {@code namespaces}: only flows touching one of them; {@code null} for all.
     */
    List<FlowRecord> distinctFlows(Instant from, Instant to, @Nullable Collection<String> namespaces);

    /**
     * The window's distinct flows mapped onto the endpoints of {@code cluster}, ready for the engine, with what
     * could not be mapped and why (see {@link FlowReplay}).
     */
    default ReplaySet replay(Instant from, Instant to, @Nullable Collection<String> namespaces, ClusterState cluster) {
        return FlowReplay.map(distinctFlows(from, to, namespaces), cluster);
    }
}
