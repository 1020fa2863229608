package dev.tierdeck.engine.reference;

import dev.tierdeck.engine.model.CalicoPolicy;
import dev.tierdeck.engine.model.ClusterNetworkPolicy;
import dev.tierdeck.engine.model.ClusterState;
import dev.tierdeck.engine.model.KubernetesNetworkPolicy;
import dev.tierdeck.engine.model.PolicyKind;
import dev.tierdeck.engine.model.PolicyType;
import dev.tierdeck.engine.model.StagedAction;
import dev.tierdeck.engine.model.Tier;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Every policy of a cluster in Calico's form, staged ones included and marked. */
final class Policies {

    private Policies() {}

    static List<RefPolicy> of(ClusterState state) {
        List<RefPolicy> policies = new ArrayList<>();
        for (CalicoPolicy p : state.calicoPolicies()) {
            // doNotTrack/preDNAT policies run in separate passes and take no part in normal evaluation (§2.1);
            // a staged Delete never reaches Felix (§1.4, FORMAT.md §3).
            if (p.doNotTrack() || p.preDNAT() || p.stagedAction() == StagedAction.Delete) {
                continue;
            }
            boolean namespaced = p.kind() == PolicyKind.NetworkPolicy || p.kind() == PolicyKind.StagedNetworkPolicy;
            policies.add(new RefPolicy(
                    p.tier() == null || p.tier().isEmpty() ? Tier.DEFAULT : p.tier(),
                    p.order(),
                    p.kind().name(),
                    p.kind().name(),
                    namespaced ? p.namespace() : null,
                    p.name(),
                    p.kind() == PolicyKind.StagedNetworkPolicy || p.kind() == PolicyKind.StagedGlobalNetworkPolicy,
                    p.selector() == null ? "" : p.selector(),
                    namespaced ? null : p.namespaceSelector(),
                    p.serviceAccountSelector(),
                    calicoTypes(p),
                    p.ingress(),
                    p.egress()));
        }
        for (KubernetesNetworkPolicy p : state.kubernetesPolicies()) {
            if (p.staged() && p.stagedAction() == StagedAction.Delete) {
                continue;
            }
            policies.add(KubernetesConversion.convert(p));
        }
        for (ClusterNetworkPolicy p : state.clusterPolicies()) {
            RefPolicy converted = ClusterPolicyConversion.convert(p);
            if (converted != null) {
                policies.add(converted);
            }
        }
        return policies;
    }

    /**
     * Types of the Calico kinds when omitted (§1.7): no egress rules ⇒ Ingress; egress rules only ⇒ Egress; both ⇒
     * both.
     */
    static Set<PolicyType> calicoTypes(CalicoPolicy p) {
        if (p.types() != null && !p.types().isEmpty()) {
            return EnumSet.copyOf(p.types());
        }
        if (p.egress().isEmpty()) {
            return EnumSet.of(PolicyType.Ingress);
        }
        return p.ingress().isEmpty()
                ? EnumSet.of(PolicyType.Egress)
                : EnumSet.of(PolicyType.Ingress, PolicyType.Egress);
    }
}
