package dev.tierdeck.engine.eval;

import dev.tierdeck.engine.model.Cidr;
import dev.tierdeck.engine.model.IpAddress;
import dev.tierdeck.engine.selector.Selector;
import dev.tierdeck.engine.selector.Selectors;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** An {@link EndpointSet} resolved against a compiled cluster: its member pods and its address ranges. */
final class CoveredEndpoints {

    /**
     * One covered endpoint: a pod as {@code evaluate} takes a pod reference ({@code ip} null: the engine picks the
     * pod's address), a pod at one of its addresses, or an address outside the cluster ({@code pod} -1).
     */
    record Instance(int pod, @Nullable IpAddress ip) {

        FlowEndpoint endpoint(Index index) {
            if (ip == null) {
                return new FlowEndpoint.PodRef(index.pods[pod].namespace(), index.pods[pod].name());
            }
            return new FlowEndpoint.Address(ip.toString());
        }
    }

    private final Index index;
    /** The identity members, or null when the set does not name pods by identity. */
    private final @Nullable BitSet members;
    /** The address ranges, or null when only identity counts. */
    final @Nullable AddressSpace v4;

    final @Nullable AddressSpace v6;

    CoveredEndpoints(CompiledCluster cluster, EndpointSet set) {
        this.index = cluster.index;
        this.members = set.byIdentity() ? members(index, set) : null;
        if (set.byAddress()) {
            v4 = range(set, false);
            v6 = range(set, true);
        } else if (members == null) {
            v4 = AddressSpace.everything(false);
            v6 = AddressSpace.everything(true);
        } else {
            v4 = null;
            v6 = null;
        }
    }

    /**
     * The pods as a GlobalNetworkPolicy rule peer with the same fields would select them (§2.8), pods only: no
     * namespace scope of their own, {@code all()} or no namespaceSelector meaning every namespace.
     */
    private static BitSet members(Index index, EndpointSet set) {
        Selector ns = parse(set.namespaceSelector());
        MemberSpec.Scope scope = ns == null || ns instanceof Selector.All
                ? MemberSpec.Scope.EVERYTHING
                : MemberSpec.Scope.NAMESPACE_SELECTOR;
        var sa = set.serviceAccounts();
        MemberSpec spec = new MemberSpec(
                scope,
                null,
                scope == MemberSpec.Scope.NAMESPACE_SELECTOR ? ns : null,
                parse(set.selector()),
                sa == null || sa.names().isEmpty() ? null : new HashSet<>(sa.names()),
                sa == null ? null : parse(sa.selector()),
                parse(set.notSelector()));
        // Resolved here rather than through the cluster's member cache: assertions must not grow a shared cache.
        return spec.resolve(index).pods();
    }

    private static @Nullable Selector parse(@Nullable String text) {
        return text == null || text.isBlank() ? null : Selectors.parseOrThrow(text);
    }

    /** Inside nets (or anywhere in the families of notNets when there are no nets) and outside notNets. */
    private static AddressSpace range(EndpointSet set, boolean v6) {
        List<Cidr> nets = cidrs(set.nets());
        List<Cidr> notNets = cidrs(set.notNets());
        AddressSpace inside;
        if (!nets.isEmpty()) {
            inside = AddressSpace.union(v6, nets);
        } else if (notNets.stream().anyMatch(c -> c.v6() == v6)) {
            inside = AddressSpace.everything(v6);
        } else {
            inside = AddressSpace.empty(v6);
        }
        return inside.minus(AddressSpace.union(v6, notNets));
    }

    private static List<Cidr> cidrs(List<String> texts) {
        List<Cidr> out = new ArrayList<>();
        for (String t : texts) {
            Cidr c = Cidr.parse(t);
            if (c == null) {
                throw new IllegalArgumentException("'" + t + "' is not a CIDR");
            }
            out.add(c);
        }
        return out;
    }

    /** Whether addresses outside the cluster's pods are covered (only when no identity field is given). */
    boolean coversOutside() {
        return members == null;
    }

    /** The address ranges of both families, or none when only identity counts. */
    List<AddressSpace> ranges() {
        return v4 == null || v6 == null ? List.of() : List.of(v4, v6);
    }

    private boolean inRange(@Nullable IpAddress ip) {
        return v4 == null || v6 == null || (ip != null && (ip.v6() ? v6 : v4).contains(ip));
    }

    /**
     * The covered pods, in pod order: each at its own address when the set has no address range, else once for
     * each of its addresses in range. An address belongs to the pod the engine finds at it (the first one, should
     * two pods share an address).
     */
    List<Instance> pods() {
        List<Instance> out = new ArrayList<>();
        for (int pod = 0; pod < index.podCount(); pod++) {
            if ((members != null && !members.get(pod)) || index.podIps[pod].length == 0) {
                continue;
            }
            if (v4 == null) {
                out.add(new Instance(pod, null));
                continue;
            }
            for (IpAddress ip : index.podIps[pod]) {
                Integer owner = index.podByIp.get(ip);
                if (owner != null && owner == pod && inRange(ip)) {
                    out.add(new Instance(pod, ip));
                }
            }
        }
        return out;
    }

    /** Whether a flow endpoint the engine resolved to {@code pod} (-1 outside) at {@code ip} is covered. */
    boolean covers(int pod, @Nullable IpAddress ip) {
        if (pod < 0) {
            return members == null && inRange(ip);
        }
        if (members != null && !members.get(pod)) {
            return false;
        }
        return index.podIps[pod].length > 0 && inRange(ip);
    }
}
