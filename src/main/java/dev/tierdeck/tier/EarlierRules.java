package dev.tierdeck.tier;

import dev.tierdeck.engine.model.CalicoPolicy;
import dev.tierdeck.engine.model.ClusterState;
import dev.tierdeck.engine.model.Namespace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Rules of a policy that an earlier rule of the same policy always decides first, measured with the same address,
 * protocol and port sets the guardrails use (so two spellings of one meaning get one answer). Pure, like
 * {@link GuardrailCheck}.
 */
public final class EarlierRules {

    private EarlierRules() {}

    /**
     * One rule that never decides anything.
     *
     * @param field the rule's manifest path, {@code spec.egress[2]}
     * @param ingress the rule's direction
     * @param rule its index in the direction (0-based, as in the manifest)
     * @param from the first earlier rule that takes its traffic (0-based)
     * @param to the last of the earlier rules that together take it ({@code from} when one does)
     * @param always true when the earlier rules match by address alone, so it holds for any pods; false when it holds
     *     for the pods and network sets the cluster has now
     */
    public record Decided(String field, boolean ingress, int rule, int from, int to, boolean always) {}

    /** The rules of both directions that earlier rules decide entirely, ingress first, in rule order. */
    public static List<Decided> of(CalicoPolicy policy, ClusterState cluster) {
        Map<String, Map<String, String>> namespaces = cluster.namespaces().stream()
                .collect(Collectors.toMap(Namespace::name, Namespace::labels, (a, b) -> b));
        ClusterView view = ClusterView.of(cluster, namespaces);
        List<Decided> out = new ArrayList<>();
        for (boolean ingress : new boolean[] {true, false}) {
            for (Reach.Decided d : Reach.decidedEarlier(policy, ingress, view)) {
                String field = "spec." + (ingress ? "ingress" : "egress") + "[" + d.rule() + "]";
                out.add(new Decided(field, ingress, d.rule(), d.from(), d.to(), d.always()));
            }
        }
        return List.copyOf(out);
    }
}
