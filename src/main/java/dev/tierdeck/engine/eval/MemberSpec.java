package dev.tierdeck.engine.eval;

import dev.tierdeck.engine.selector.Labels;
import dev.tierdeck.engine.selector.Selector;
import java.util.BitSet;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A rule peer's selector after Calico's scoping (calico-semantics §2.8): which endpoints and network sets are
 * members. Resolved once into bit sets over pod and network-set ids.
 *
 * @param scope where members may live
 * @param namespace the namespace for {@link Scope#NAMESPACE}
 * @param namespaceSelector the selector over namespace labels for {@link Scope#NAMESPACE_SELECTOR}
 * @param selector the rule's {@code selector} (or, for a negated match, its {@code notSelector})
 * @param serviceAccountNames {@code serviceAccounts.names}
 * @param serviceAccountSelector {@code serviceAccounts.selector} over the SA's labels
 * @param excluded the {@code notSelector} folded into a positive match (members must not match it)
 */
record MemberSpec(
        Scope scope,
        @Nullable String namespace,
        @Nullable Selector namespaceSelector,
        @Nullable Selector selector,
        @Nullable Set<String> serviceAccountNames,
        @Nullable Selector serviceAccountSelector,
        @Nullable Selector excluded) {

    enum Scope {
        /** Everything: all endpoints and network sets. */
        EVERYTHING,
        /** {@code projectcalico.org/namespace == ns}. */
        NAMESPACE,
        /** {@code has(projectcalico.org/namespace)}: {@code namespaceSelector: all()}. */
        ANY_NAMESPACE,
        /** {@code !has(projectcalico.org/namespace)}: {@code namespaceSelector: global()}. */
        NON_NAMESPACED,
        /** A namespace-label expression evaluated over {@code pcns.*}. */
        NAMESPACE_SELECTOR
    }

    /**
     * The set of members as bit sets over pod ids and network-set ids, and packed for the verdict-only path (built
     * once here, so that every compiled cluster sharing the resolved members shares it too).
     */
    record Members(BitSet pods, BitSet netsets, PeerSet packed) {
        Members(BitSet pods, BitSet netsets) {
            this(pods, netsets, new PeerSet(pods, netsets));
        }

        boolean contains(int pod, int[] netsetIds) {
            if (pod >= 0 && pods.get(pod)) {
                return true;
            }
            for (int s : netsetIds) {
                if (netsets.get(s)) {
                    return true;
                }
            }
            return false;
        }
    }

    Members resolve(Index index) {
        BitSet pods = new BitSet();
        switch (scope) {
            case EVERYTHING, ANY_NAMESPACE -> {
                for (int[] members : index.namespaceMembers.values()) {
                    testAll(index, pods, members);
                }
            }
            case NAMESPACE -> testAll(index, pods, index.namespaceMembers.getOrDefault(namespace, new int[0]));
            case NON_NAMESPACED -> {}
            case NAMESPACE_SELECTOR -> {
                // Decide per namespace, then per pod; pods whose own labels shadow pcns.* are checked one by one.
                for (Map.Entry<String, int[]> e : index.namespaceMembers.entrySet()) {
                    boolean nsMatches = namespaceSelector.matches(index.namespaceViews.get(e.getKey()));
                    for (int i : e.getValue()) {
                        if (podInScope(index, i, nsMatches) && test(index.podLabels[i])) {
                            pods.set(i);
                        }
                    }
                }
            }
        }
        BitSet netsets = new BitSet();
        for (int s = 0; s < index.netsetCount(); s++) {
            String ns = index.netsetNamespaces[s];
            EndpointLabels labels = index.netsetLabels[s];
            boolean inScope = switch (scope) {
                case EVERYTHING -> true;
                case NAMESPACE -> namespace.equals(ns);
                case ANY_NAMESPACE -> ns != null;
                case NON_NAMESPACED -> ns == null;
                case NAMESPACE_SELECTOR ->
                    namespaceSelector.matches(EndpointLabels.prefixed(labels, EndpointLabels.PCNS));
            };
            if (inScope && test(labels)) {
                netsets.set(s);
            }
        }
        return new Members(pods, netsets);
    }

    /**
     * {@code members} (resolved over an earlier index with the same network sets) with the pods in {@code changed}
     * decided again over {@code index}; the same object when none of them changes side, so that everything built on
     * it stays valid.
     */
    Members reresolve(Members members, Index index, int[] changed) {
        if (scope == Scope.NON_NAMESPACED) {
            return members;
        }
        BitSet pods = members.pods();
        for (int i : changed) {
            boolean member = isMember(index, i);
            if (member != pods.get(i)) {
                if (pods == members.pods()) {
                    pods = (BitSet) pods.clone();
                }
                pods.set(i, member);
            }
        }
        return pods == members.pods() ? members : new Members(pods, members.netsets());
    }

    private boolean isMember(Index index, int i) {
        dev.tierdeck.engine.model.Pod pod = index.pods[i];
        if (pod == null) {
            return false;
        }
        boolean inScope = switch (scope) {
            case EVERYTHING, ANY_NAMESPACE -> true;
            case NAMESPACE -> namespace.equals(pod.namespace());
            case NON_NAMESPACED -> false;
            case NAMESPACE_SELECTOR ->
                podInScope(index, i, namespaceSelector.matches(index.namespaceViews.get(pod.namespace())));
        };
        return inScope && test(index.podLabels[i]);
    }

    private boolean podInScope(Index index, int i, boolean namespaceMatches) {
        return index.podOwnsPcns[i]
                ? namespaceSelector.matches(EndpointLabels.prefixed(index.podLabels[i], EndpointLabels.PCNS))
                : namespaceMatches;
    }

    /** Whether only pods of {@code ns} (or none) can be members: changes elsewhere leave the members alone. */
    @Nullable
    String onlyNamespace() {
        return scope == Scope.NAMESPACE ? namespace : null;
    }

    private void testAll(Index index, BitSet pods, int[] ids) {
        for (int i : ids) {
            if (test(index.podLabels[i])) {
                pods.set(i);
            }
        }
    }

    private boolean test(Labels labels) {
        if (selector != null && !selector.matches(labels)) {
            return false;
        }
        if (serviceAccountNames != null && !serviceAccountNames.contains(labels.get(EndpointLabels.SERVICE_ACCOUNT))) {
            return false;
        }
        if (serviceAccountSelector != null && !serviceAccountMatches(serviceAccountSelector, labels)) {
            return false;
        }
        return excluded == null || !excluded.matches(labels);
    }

    /** A service-account selector over {@code pcsa.*}; {@code all()} means "has a service account" (§2.4). */
    static boolean serviceAccountMatches(Selector s, Labels labels) {
        if (s instanceof Selector.All) {
            return labels.get(EndpointLabels.SERVICE_ACCOUNT) != null;
        }
        return s.matches(EndpointLabels.prefixed(labels, EndpointLabels.PCSA));
    }
}
