package dev.tierdeck.flow;

import java.time.Instant;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Criteria for {@link FlowStore#query}. Flows are selected by their time bucket in {@code [from, to)}. A
 * {@code null} criterion does not constrain. {@code namespaces}: the flow touches one of them (source or
 * destination); {@code null} means every namespace, an empty set means none. {@code workload}: the aggregated
 * name of the source or destination. {@code policy}: the name of a policy in the enforced or pending trace.
 */
public record FlowFilter(
        Instant from,
        Instant to,
        @Nullable Set<String> namespaces,
        @Nullable FlowAction action,
        @Nullable FlowAction pendingAction,
        @Nullable String workload,
        @Nullable Integer port,
        @Nullable String policy) {

    public FlowFilter {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("the window must end after it starts: " + from + " .. " + to);
        }
        namespaces = namespaces == null ? null : Set.copyOf(namespaces);
    }

    public static FlowFilter window(Instant from, Instant to) {
        return new FlowFilter(from, to, null, null, null, null, null, null);
    }

    public FlowFilter inNamespaces(@Nullable Set<String> ns) {
        return new FlowFilter(from, to, ns, action, pendingAction, workload, port, policy);
    }

    public FlowFilter withAction(@Nullable FlowAction a) {
        return new FlowFilter(from, to, namespaces, a, pendingAction, workload, port, policy);
    }

    public FlowFilter withPendingAction(@Nullable FlowAction a) {
        return new FlowFilter(from, to, namespaces, action, a, workload, port, policy);
    }

    public FlowFilter withWorkload(@Nullable String w) {
        return new FlowFilter(from, to, namespaces, action, pendingAction, w, port, policy);
    }

    public FlowFilter withPort(@Nullable Integer p) {
        return new FlowFilter(from, to, namespaces, action, pendingAction, workload, p, policy);
    }

    public FlowFilter withPolicy(@Nullable String p) {
        return new FlowFilter(from, to, namespaces, action, pendingAction, workload, port, p);
    }
}
