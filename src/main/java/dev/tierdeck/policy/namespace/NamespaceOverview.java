package dev.tierdeck.policy.namespace;

import dev.tierdeck.policy.DamagedPolicy;
import dev.tierdeck.policy.PolicyDraft;
import java.time.Instant;
import java.util.List;

/**
 * Everything the namespace page shows.
 *
 * @param writable the viewer may create and change policies here
 * @param stack every tier in evaluation order with the policies that apply to the namespace's pods
 * @param drafts the portal's managed policies of the namespace, by name
 * @param deniedFlows denied traffic since {@code deniedSince}, most connections first
 * @param stale the cluster cache may lag behind the cluster
 * @param damaged managed policies whose stored copy cannot be read, listed so they can be deleted
 */
public record NamespaceOverview(
        String namespace,
        boolean inCluster,
        boolean writable,
        List<Workload> workloads,
        List<StackTier> stack,
        List<PolicyDraft> drafts,
        List<DeniedFlow> deniedFlows,
        Instant deniedSince,
        boolean stale,
        List<DamagedPolicy> damaged) {

    public NamespaceOverview {
        workloads = List.copyOf(workloads);
        stack = List.copyOf(stack);
        drafts = List.copyOf(drafts);
        deniedFlows = List.copyOf(deniedFlows);
        damaged = List.copyOf(damaged);
    }

    /** Workloads no tier can deny ingress to: anything may reach them. */
    public List<Workload> openIngress() {
        return workloads.stream().filter(w -> w.ingress().open()).toList();
    }

    /** Workloads no tier can deny egress from: they may reach anything. */
    public List<Workload> openEgress() {
        return workloads.stream().filter(w -> w.egress().open()).toList();
    }
}
