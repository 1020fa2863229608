package dev.tierdeck.engine.recommend;

import dev.tierdeck.engine.eval.Flow;
import dev.tierdeck.engine.eval.FlowEndpoint;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One observed connection kind, the evidence a suggestion is built from: the flow as the engine replays it, how many
 * connections it stands for, when it was seen, and how each end was reported.
 *
 * @param connections connections observed (at least 1)
 * @param firstSeen start of the earliest observation; {@code null} when the source of the flows has no times
 * @param lastSeen end of the latest observation; {@code null} likewise
 */
public record Observation(
        Flow flow,
        long connections,
        @Nullable Instant firstSeen,
        @Nullable Instant lastSeen,
        Seen source,
        Seen destination) {

    public Observation {
        connections = Math.max(1, connections);
    }

    /** A flow from a flows file: one connection, no times, each end as the file names it. */
    public static Observation of(Flow flow) {
        return new Observation(flow, 1, null, null, Seen.of(flow.source()), Seen.of(flow.destination()));
    }

    /**
     * How one end was reported.
     *
     * @param name the name shown as an example ({@code payments/api-7d9f8c-*}, {@code 203.0.113.9})
     * @param outside what the end stood for when it was outside the cluster and the flow's address is only a stand-in
     *     for it (flow logs name network sets and {@code pub}/{@code pvt}, not addresses); {@code null} when the
     *     address is the real one or the end is a pod
     */
    public record Seen(String name, @Nullable Outside outside) {

        public static Seen of(FlowEndpoint endpoint) {
            return new Seen(endpoint.toString(), null);
        }
    }

    /** What a flow log reported instead of an outside address. */
    public sealed interface Outside {

        /** A Calico (Global)NetworkSet by name; {@code namespace} is {@code null} for a GlobalNetworkSet. */
        record NetworkSet(@Nullable String namespace, String name) implements Outside {}

        /** Any public ({@code pub}) or private ({@code pvt}) address outside every network set. */
        record Network(boolean isPublic) implements Outside {}
    }
}
