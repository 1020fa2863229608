package dev.tierdeck.engine.eval;

import dev.tierdeck.engine.model.CalicoPolicy;
import dev.tierdeck.engine.model.ClusterObject;
import dev.tierdeck.engine.model.ClusterState;
import dev.tierdeck.engine.model.KubernetesNetworkPolicy;
import dev.tierdeck.engine.model.ObjectKey;
import dev.tierdeck.engine.model.StagedAction;
import java.util.ArrayList;
import java.util.List;

/**
 * A proposed change: objects to set (replacing the object with the same kind, namespace and name, or added) and
 * objects to delete.
 */
public record Change(List<ClusterObject> set, List<ObjectKey> delete) {

    public Change {
        set = List.copyOf(set);
        delete = List.copyOf(delete);
    }

    /**
     * A change from manifest objects, as the impact command reads them: a staged policy stands for its enforced
     * counterpart; {@code stagedAction: Delete} removes that counterpart, any other action sets it.
     */
    public static Change of(List<ClusterObject> objects) {
        List<ClusterObject> set = new ArrayList<>();
        List<ObjectKey> delete = new ArrayList<>();
        for (ClusterObject o : objects) {
            switch (o) {
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
                    if (p.effectiveStagedAction() == StagedAction.Delete) {
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
                    if (p.effectiveStagedAction() == StagedAction.Delete) {
                        delete.add(enforced.key());
                    } else {
                        set.add(enforced);
                    }
                }
                default -> set.add(o);
            }
        }
        return new Change(set, delete);
    }

    public ClusterState applyTo(ClusterState state) {
        return state.with(set, delete);
    }
}
