package dev.tierdeck.engine.reference;

import dev.tierdeck.engine.model.CalicoPolicy;
import dev.tierdeck.engine.model.ClusterObject;
import dev.tierdeck.engine.model.ClusterState;
import dev.tierdeck.engine.model.KubernetesNetworkPolicy;
import dev.tierdeck.engine.model.ObjectKey;
import dev.tierdeck.engine.model.StagedAction;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference for {@code impact} (FORMAT.md §4): apply the change to the cluster, evaluate every flow before and
 * after, and keep the flows whose enforced action differs.
 */
public final class ReferenceImpact {

    /** One flow whose enforced action changes. */
    public record Changed(String id, String before, String after) {}

    private ReferenceImpact() {}

    public static List<Changed> impact(ClusterState before, List<ClusterObject> change, List<ReferenceFlow> flows) {
        ClusterState after = apply(before, change);
        ReferenceEvaluator was = new ReferenceEvaluator(before);
        ReferenceEvaluator will = new ReferenceEvaluator(after);
        List<Changed> changed = new ArrayList<>();
        for (ReferenceFlow flow : flows) {
            String a = was.evaluate(flow).enforced().action();
            String b = will.evaluate(flow).enforced().action();
            if (!a.equals(b)) {
                changed.add(new Changed(flow.id(), a, b));
            }
        }
        return changed;
    }

    /**
     * Each object replaces the enforced object with its kind, namespace and name, or is added; a staged object
     * stands for its enforced counterpart: Delete removes it, anything else sets it.
     */
    public static ClusterState apply(ClusterState state, List<ClusterObject> change) {
        List<ClusterObject> set = new ArrayList<>();
        List<ObjectKey> delete = new ArrayList<>();
        for (ClusterObject object : change) {
            switch (object) {
                case CalicoPolicy p
                when p.kind().staged() -> {
                    CalicoPolicy enforced = new CalicoPolicy(
                            p.kind().enforcedCounterpart(),
                            p.namespace(),
                            p.name(),
                            p.tier(),
                            p.order(),
                            p.selector(),
                            p.namespaceSelector(),
                            p.serviceAccountSelector(),
                            p.types(),
                            p.ingress(),
                            p.egress(),
                            null,
                            p.doNotTrack(),
                            p.preDNAT(),
                            p.applyOnForward());
                    if (p.stagedAction() == StagedAction.Delete) {
                        delete.add(enforced.key());
                    } else {
                        set.add(enforced);
                    }
                }
                case KubernetesNetworkPolicy p
                when p.staged() -> {
                    KubernetesNetworkPolicy enforced = new KubernetesNetworkPolicy(
                            p.namespace(),
                            p.name(),
                            false,
                            null,
                            p.podSelector(),
                            p.policyTypes(),
                            p.ingress(),
                            p.egress());
                    if (p.stagedAction() == StagedAction.Delete) {
                        delete.add(enforced.key());
                    } else {
                        set.add(enforced);
                    }
                }
                default -> set.add(object);
            }
        }
        return state.with(set, delete);
    }
}
