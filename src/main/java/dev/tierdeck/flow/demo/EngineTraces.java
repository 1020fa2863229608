package dev.tierdeck.flow.demo;

import dev.tierdeck.engine.eval.DirectionVerdict;
import dev.tierdeck.engine.eval.Verdict;
import dev.tierdeck.engine.model.CalicoPolicy;
import dev.tierdeck.engine.model.ClusterState;
import dev.tierdeck.engine.model.KubernetesNetworkPolicy;
import dev.tierdeck.engine.model.PolicyKind;
import dev.tierdeck.flow.FlowAction;
import dev.tierdeck.flow.PolicyHit;
import dev.tierdeck.flow.PolicyHitKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The engine's trace of one direction as the policy hits Goldmane would report (calico-semantics §4.3): the
 * engine's Calico {@code NetworkPolicy} is Goldmane's {@code CalicoNetworkPolicy}, a Kubernetes policy is
 * {@code NetworkPolicy}; an end-of-tier hit names its trigger policy.
 */
final class EngineTraces {

    private final ClusterState cluster;

    EngineTraces(ClusterState cluster) {
        this.cluster = cluster;
    }

    static FlowAction action(Verdict v) {
        return v == Verdict.Allow ? FlowAction.Allow : FlowAction.Deny;
    }

    List<PolicyHit> hits(@Nullable DirectionVerdict direction) {
        if (direction == null) {
            return List.of();
        }
        List<PolicyHit> out = new ArrayList<>();
        int index = 0;
        for (dev.tierdeck.engine.eval.PolicyHit h : direction.hits()) {
            FlowAction action = switch (h.action()) {
                case Allow -> FlowAction.Allow;
                case Deny -> FlowAction.Deny;
                case Pass, Log -> FlowAction.Pass;
            };
            if (dev.tierdeck.engine.eval.PolicyHit.END_OF_TIER.equals(h.kind())) {
                PolicyHit trigger = new PolicyHit(
                        triggerKind(h.tier(), h.namespace(), h.name()),
                        h.namespace(),
                        h.name(),
                        h.tier(),
                        null,
                        index,
                        0,
                        null);
                out.add(new PolicyHit(
                        PolicyHitKind.EndOfTier, h.namespace(), h.name(), h.tier(), action, index, -1, trigger));
            } else {
                out.add(new PolicyHit(
                        kind(h.kind()), h.namespace(), h.name(), h.tier(), action, index, h.ruleIndex(), null));
            }
            index++;
        }
        return out;
    }

    private static PolicyHitKind kind(String engineKind) {
        return switch (engineKind) {
            case "NetworkPolicy" -> PolicyHitKind.CalicoNetworkPolicy;
            case "KubernetesNetworkPolicy" -> PolicyHitKind.NetworkPolicy;
            case "Profile" -> PolicyHitKind.Profile;
            default -> PolicyHitKind.valueOf(engineKind);
        };
    }

    /** The kind of the policy an end-of-tier hit names, looked up in the cluster. */
    private PolicyHitKind triggerKind(String tier, @Nullable String namespace, String name) {
        for (CalicoPolicy p : cluster.calicoPolicies()) {
            if (p.name().equals(name)
                    && Objects.equals(p.namespace(), namespace)
                    && p.tier().equals(tier)) {
                return kind(p.kind().name());
            }
        }
        for (KubernetesNetworkPolicy p : cluster.kubernetesPolicies()) {
            if (p.name().equals(name) && Objects.equals(p.namespace(), namespace)) {
                return p.kind() == PolicyKind.StagedKubernetesNetworkPolicy
                        ? PolicyHitKind.StagedKubernetesNetworkPolicy
                        : PolicyHitKind.NetworkPolicy;
            }
        }
        return namespace == null ? PolicyHitKind.GlobalNetworkPolicy : PolicyHitKind.CalicoNetworkPolicy;
    }
}
