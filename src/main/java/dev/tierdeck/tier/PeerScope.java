package dev.tierdeck.tier;

import dev.tierdeck.engine.eval.RulePeers;
import dev.tierdeck.engine.model.EntityRule;
import dev.tierdeck.engine.selector.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The namespaces a rule's peer can be in, decided on its selectors rather than on the pods that exist: now (today's
 * namespaces with today's labels, any member labels) and in principle (every namespace there could be); and whether
 * it reaches non-namespaced network sets. Scoping
 * follows calico-semantics §2.8 as the engine resolved it: the policy's own namespace for a bare selector, every
 * namespace for {@code all()}, none for {@code global()}, the namespaces whose labels match an expression.
 *
 * <p>A pod may carry {@code pcns.*} labels of its own, which Calico lets win over its namespace's; a peer chosen that
 * way is not followed here.
 */
record PeerScope(Set<String> namespaces, boolean everyNamespace, boolean nonNamespaced) {

    static final PeerScope NONE = new PeerScope(Set.of(), false, false);

    static PeerScope of(
            RulePeers.@Nullable Peer peer, EntityRule side, @Nullable String policyNamespace, ClusterView cluster) {
        if (peer == null) {
            if (side.services() != null) {
                String ns =
                        side.services().namespace() != null ? side.services().namespace() : policyNamespace;
                return ns == null ? NONE : new PeerScope(Set.of(ns), false, false);
            }
            return NONE;
        }
        LabelSolver.Condition member = member(peer);
        // Non-namespaced peers are the global network sets an admin created: those the engine matches now (an
        // expression true of no namespace label, such as !has(x), matches them too), or all but some for a
        // negated peer.
        boolean nonNamespaced = peer.negated() || peer.networkSets().stream().anyMatch(s -> s.namespace() == null);
        try {
            return switch (peer.scope()) {
                case NAMESPACE -> {
                    String ns = peer.namespace();
                    boolean there = LabelSolver.satisfiable(
                            member, ns, cluster.namespaces().getOrDefault(ns, Map.of()));
                    yield new PeerScope(there ? Set.of(ns) : Set.of(), false, false);
                }
                case NON_NAMESPACED -> new PeerScope(Set.of(), false, nonNamespaced);
                case EVERYTHING, ANY_NAMESPACE -> anyNamespace(member, cluster, nonNamespaced);
                case NAMESPACE_SELECTOR -> selected(peer.namespaceSelector(), member, cluster, nonNamespaced);
            };
        } catch (LabelSolver.TooHard e) {
            // Too large to decide: assume the widest reach.
            return new PeerScope(cluster.namespaces().keySet(), true, true);
        }
    }

    /**
     * A namespace selector and a member condition: when the member condition reads nothing of the namespace, each
     * namespace is tested with the engine's matcher and the member condition is solved once.
     */
    private static PeerScope selected(
            Selector namespaceSelector, LabelSolver.Condition member, ClusterView cluster, boolean nonNamespaced) {
        LabelSolver.Condition both = new LabelSolver.And(
                List.of(new LabelSolver.Match(namespaceSelector, LabelSolver.View.NAMESPACE), member));
        LabelSolver.Problem memberProblem = new LabelSolver.Problem(member);
        if (memberProblem.readsNamespace()) {
            return anyNamespace(both, cluster, nonNamespaced);
        }
        Set<String> namespaces = new TreeSet<>();
        if (memberProblem.satisfiable()) {
            cluster.namespaces().forEach((name, labels) -> {
                if (namespaceSelector.matches(LabelSolver.namespaceView(name, labels))) {
                    namespaces.add(name);
                }
            });
        }
        return new PeerScope(namespaces, new LabelSolver.Problem(both).everyNamespace(), nonNamespaced);
    }

    private static PeerScope anyNamespace(LabelSolver.Condition c, ClusterView cluster, boolean nonNamespaced) {
        LabelSolver.Problem problem = new LabelSolver.Problem(c);
        Set<String> namespaces = new TreeSet<>();
        if (!problem.readsNamespace()) {
            if (problem.satisfiable()) {
                namespaces.addAll(cluster.namespaces().keySet());
            }
        } else {
            cluster.namespaces().forEach((name, labels) -> {
                if (problem.satisfiable(name, labels)) {
                    namespaces.add(name);
                }
            });
        }
        return new PeerScope(namespaces, problem.everyNamespace(), nonNamespaced);
    }

    /**
     * What a member must satisfy besides its scope: the selector, the service-account names and selector
     * ({@code all()} there means "has a service account", calico-semantics §2.4), and not the notSelector; for a
     * negated peer, only not matching.
     */
    private static LabelSolver.Condition member(RulePeers.Peer peer) {
        if (peer.negated()) {
            return new LabelSolver.Not(new LabelSolver.Match(peer.selector(), LabelSolver.View.MEMBER));
        }
        List<LabelSolver.Condition> parts = new ArrayList<>();
        if (peer.selector() != null) {
            parts.add(new LabelSolver.Match(peer.selector(), LabelSolver.View.MEMBER));
        }
        if (peer.serviceAccountNames() != null) {
            parts.add(new LabelSolver.ServiceAccountIn(peer.serviceAccountNames()));
        }
        Selector sa = peer.serviceAccountSelector();
        if (sa instanceof Selector.All) {
            parts.add(new LabelSolver.Match(
                    new Selector.Has("projectcalico.org/serviceaccount"), LabelSolver.View.MEMBER));
        } else if (sa != null) {
            parts.add(new LabelSolver.Match(sa, LabelSolver.View.SERVICE_ACCOUNT));
        }
        if (peer.excluded() != null) {
            parts.add(new LabelSolver.Not(new LabelSolver.Match(peer.excluded(), LabelSolver.View.MEMBER)));
        }
        return new LabelSolver.And(parts);
    }
}
