package dev.tierdeck.engine.recommend;

import dev.tierdeck.engine.model.Cidr;
import dev.tierdeck.engine.model.EntityRule;
import dev.tierdeck.engine.model.Port;
import dev.tierdeck.engine.selector.Selector;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The other end of a connection as a rule names it (calico-semantics §2.8): pods of a workload by their stable labels,
 * every pod of a namespace, a network set by its labels, CIDRs, or a whole outside network.
 */
sealed interface Peer {

    /** The label every namespace carries with its own name (calico-semantics §2.5). */
    String NAMESPACE_NAME = "projectcalico.org/name";

    /** Identity for grouping and connection ids: {@code ns/workload}, {@code ns/*}, {@code set:...}, a CIDR. */
    String key();

    /** The peer in words, for evidence. */
    String text();

    /** The rule's side for this peer, seen from a policy in {@code policyNamespace}, with {@code ports}. */
    EntityRule entity(String policyNamespace, List<Port> ports);

    /** The namespace the peer lives in, {@code null} outside the cluster or cluster-wide. */
    default @Nullable String namespace() {
        return null;
    }

    static @Nullable String namespaceSelector(String peerNamespace, String policyNamespace) {
        return peerNamespace.equals(policyNamespace)
                ? null
                : new Selector.Equals(NAMESPACE_NAME, peerNamespace).toString();
    }

    static EntityRule entity(
            List<String> nets,
            List<String> notNets,
            @Nullable String selector,
            @Nullable String namespaceSelector,
            List<Port> ports) {
        return new EntityRule(nets, notNets, selector, null, namespaceSelector, ports, List.of(), null, null);
    }

    /** Pods of one workload, by the selector that picks it out of its namespace. */
    record WorkloadPeer(Workloads.Workload workload) implements Peer {
        @Override
        public String key() {
            return workload.key();
        }

        @Override
        public String text() {
            return "pods " + workload.selector() + " in " + workload.namespace();
        }

        @Override
        public EntityRule entity(String policyNamespace, List<Port> ports) {
            return Peer.entity(
                    List.of(),
                    List.of(),
                    workload.selector(),
                    Peer.namespaceSelector(workload.namespace(), policyNamespace),
                    ports);
        }

        @Override
        public String namespace() {
            return workload.namespace();
        }
    }

    /** Every pod (and namespaced network set) of a namespace. */
    record NamespacePeer(String name) implements Peer {
        @Override
        public String key() {
            return name + "/*";
        }

        @Override
        public String text() {
            return "every pod in namespace " + name;
        }

        @Override
        public EntityRule entity(String policyNamespace, List<Port> ports) {
            return name.equals(policyNamespace)
                    ? Peer.entity(List.of(), List.of(), new Selector.All().toString(), null, ports)
                    : Peer.entity(List.of(), List.of(), null, Peer.namespaceSelector(name, policyNamespace), ports);
        }

        @Override
        public String namespace() {
            return name;
        }
    }

    /**
     * A (Global)NetworkSet: by its labels when it has some, else by its own CIDRs of the flow's address family.
     *
     * @param setNamespace {@code null} for a GlobalNetworkSet
     */
    record SetPeer(@Nullable String setNamespace, String name, Map<String, String> labels, List<String> nets)
            implements Peer {
        public SetPeer {
            labels = Map.copyOf(labels);
            nets = List.copyOf(nets);
        }

        @Override
        public String key() {
            return "set:" + (setNamespace == null ? "" : setNamespace + "/") + name;
        }

        @Override
        public String text() {
            return (setNamespace == null ? "global network set " : "network set " + setNamespace + "/") + name;
        }

        @Override
        public EntityRule entity(String policyNamespace, List<Port> ports) {
            if (labels.isEmpty()) {
                return Peer.entity(nets, List.of(), null, null, ports);
            }
            String namespaceSelector = setNamespace == null
                    ? new Selector.Global().toString()
                    : Peer.namespaceSelector(setNamespace, policyNamespace);
            return Peer.entity(List.of(), List.of(), Workloads.selector(labels).toString(), namespaceSelector, ports);
        }
    }

    /** Outside addresses as CIDRs of one family. */
    record NetsPeer(List<Cidr> cidrs) implements Peer {
        public NetsPeer {
            cidrs = List.copyOf(cidrs);
        }

        @Override
        public String key() {
            return String.join(",", cidrs.stream().map(Cidr::toString).toList());
        }

        @Override
        public String text() {
            return key();
        }

        @Override
        public EntityRule entity(String policyNamespace, List<Port> ports) {
            return Peer.entity(cidrs.stream().map(Cidr::toString).toList(), List.of(), null, null, ports);
        }
    }

    /**
     * Any public or any private address outside the network sets: what a flow log reports as {@code pub} or
     * {@code pvt}, without the address itself.
     */
    record OutsidePeer(boolean isPublic) implements Peer {
        static final List<String> PRIVATE = List.of("10.0.0.0/8", "100.64.0.0/10", "172.16.0.0/12", "192.168.0.0/16");

        @Override
        public String key() {
            return isPublic ? "pub" : "pvt";
        }

        @Override
        public String text() {
            return isPublic
                    ? "any public address (the flow log does not record which)"
                    : "any private address outside the network sets (the flow log does not record which)";
        }

        @Override
        public EntityRule entity(String policyNamespace, List<Port> ports) {
            return isPublic
                    ? Peer.entity(List.of("0.0.0.0/0"), PRIVATE, null, null, ports)
                    : Peer.entity(PRIVATE, List.of(), null, null, ports);
        }
    }
}
