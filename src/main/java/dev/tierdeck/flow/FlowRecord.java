package dev.tierdeck.flow;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An aggregated observed flow, the unit of ingest and of query results: Goldmane's {@code Flow} in the
 * project's terms (calico-semantics §4.4). The key is everything but the time span, the labels and the counts;
 * {@code port} is 0 when the protocol has no ports. {@code pendingAction} is the verdict of the pending trace
 * (its last Allow or Deny hit), {@code null} when the flow carries no pending trace.
 */
public record FlowRecord(
        Instant start,
        Instant end,
        FlowEndpoint source,
        FlowEndpoint destination,
        String protocol,
        int port,
        Reporter reporter,
        FlowAction action,
        List<PolicyHit> enforced,
        List<PolicyHit> pending,
        FlowCounts counts) {

    public FlowRecord {
        enforced = List.copyOf(enforced);
        pending = List.copyOf(pending);
    }

    public @Nullable FlowAction pendingAction() {
        for (int i = pending.size() - 1; i >= 0; i--) {
            FlowAction a = pending.get(i).action();
            if (a == FlowAction.Allow || a == FlowAction.Deny) {
                return a;
            }
        }
        return null;
    }
}
