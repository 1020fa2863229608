package dev.tierdeck.engine.eval;

import dev.tierdeck.engine.model.Cidr;
import dev.tierdeck.engine.model.ClusterState;
import dev.tierdeck.engine.model.ContainerPort;
import dev.tierdeck.engine.model.GlobalNetworkSet;
import dev.tierdeck.engine.model.IpAddress;
import dev.tierdeck.engine.model.Namespace;
import dev.tierdeck.engine.model.NetworkSet;
import dev.tierdeck.engine.model.Pod;
import dev.tierdeck.engine.model.ServiceAccount;
import dev.tierdeck.engine.selector.Labels;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Endpoints and network sets of a cluster, numbered: pods sorted by namespace and name (so a namespace is a
 * contiguous id range), their label views, IP lookups, and which network sets contain which addresses.
 */
final class Index {

    private static final int[] NONE = new int[0];

    final Pod[] pods;
    final EndpointLabels[] podLabels;
    final boolean[] podOwnsPcns;
    final Map<String, int[]> namespaceRanges = new LinkedHashMap<>();
    final Map<String, Labels> namespaceViews = new HashMap<>();
    final Map<String, Map<String, Integer>> podIds = new HashMap<>();
    final @Nullable IpAddress[][] podIps;
    final Map<IpAddress, Integer> podByIp = new HashMap<>();
    final @Nullable String[] netsetNamespaces;
    final EndpointLabels[] netsetLabels;
    final Cidr[][] netsetCidrs;
    private final ConcurrentHashMap<IpAddress, int[]> netsetsByIp = new ConcurrentHashMap<>();
    private volatile @Nullable NamedPorts namedPorts;

    Index(ClusterState state) {
        Map<String, Map<String, String>> nsLabels = new HashMap<>();
        for (Namespace n : state.namespaces()) {
            nsLabels.put(n.name(), n.labels());
        }
        Map<String, Map<String, String>> saLabels = new HashMap<>();
        for (ServiceAccount sa : state.serviceAccounts()) {
            saLabels.put(sa.namespace() + "/" + sa.name(), sa.labels());
        }
        List<Pod> sorted = new ArrayList<>(state.pods());
        sorted.sort(Comparator.comparing(Pod::namespace).thenComparing(Pod::name));
        pods = sorted.toArray(new Pod[0]);
        podLabels = new EndpointLabels[pods.length];
        podOwnsPcns = new boolean[pods.length];
        podIps = new IpAddress[pods.length][];
        for (int i = 0; i < pods.length; i++) {
            Pod p = pods[i];
            podLabels[i] = new EndpointLabels(
                    p.labels(),
                    p.namespace(),
                    nsLabels.getOrDefault(p.namespace(), Map.of()),
                    true,
                    p.serviceAccountName(),
                    saLabels.getOrDefault(p.namespace() + "/" + p.serviceAccountName(), Map.of()));
            podOwnsPcns[i] = podLabels[i].ownsNamespaceLabels();
            podIds.computeIfAbsent(p.namespace(), k -> new HashMap<>()).put(p.name(), i);
            podIps[i] = p.ips().stream()
                    .map(IpAddress::parse)
                    .filter(a -> a != null)
                    .toArray(IpAddress[]::new);
            for (IpAddress a : podIps[i]) {
                podByIp.putIfAbsent(a, i);
            }
            int start = i;
            int[] range = namespaceRanges.computeIfAbsent(p.namespace(), k -> new int[] {start, start});
            range[1] = i + 1;
        }
        for (Namespace n : state.namespaces()) {
            namespaceViews.put(n.name(), EndpointLabels.namespaceView(n.name(), n.labels()));
        }
        for (String ns : namespaceRanges.keySet()) {
            namespaceViews.computeIfAbsent(ns, k -> EndpointLabels.namespaceView(k, Map.of()));
        }
        int n = state.networkSets().size() + state.globalNetworkSets().size();
        netsetNamespaces = new String[n];
        netsetLabels = new EndpointLabels[n];
        netsetCidrs = new Cidr[n][];
        int i = 0;
        for (NetworkSet s : state.networkSets()) {
            netsetNamespaces[i] = s.namespace();
            netsetLabels[i] = new EndpointLabels(
                    s.labels(), s.namespace(), nsLabels.getOrDefault(s.namespace(), Map.of()), false, null, Map.of());
            netsetCidrs[i++] = cidrs(s.nets());
        }
        for (GlobalNetworkSet s : state.globalNetworkSets()) {
            netsetNamespaces[i] = null;
            netsetLabels[i] = new EndpointLabels(s.labels(), null, Map.of(), false, null, Map.of());
            netsetCidrs[i++] = cidrs(s.nets());
        }
    }

    private static Cidr[] cidrs(List<String> nets) {
        return nets.stream().map(Cidr::parse).filter(c -> c != null).toArray(Cidr[]::new);
    }

    int podCount() {
        return pods.length;
    }

    int netsetCount() {
        return netsetLabels.length;
    }

    /** Ids of the network sets with a CIDR containing {@code ip} (cached per address). */
    int[] netsetsContaining(@Nullable IpAddress ip) {
        if (ip == null || netsetCidrs.length == 0) {
            return NONE;
        }
        int[] cached = netsetsByIp.get(ip);
        if (cached != null) {
            return cached;
        }
        List<Integer> ids = new ArrayList<>();
        for (int s = 0; s < netsetCidrs.length; s++) {
            for (Cidr c : netsetCidrs[s]) {
                if (c.contains(ip)) {
                    ids.add(s);
                    break;
                }
            }
        }
        int[] result =
                ids.isEmpty() ? NONE : ids.stream().mapToInt(Integer::intValue).toArray();
        if (netsetsByIp.size() < 1_000_000) {
            netsetsByIp.put(ip, result);
        }
        return result;
    }

    /** Whether pod {@code id} declares a port named {@code name} with this protocol and number (§2.7). */
    boolean declaresNamedPort(int id, String name, int protocol, int port) {
        for (ContainerPort cp : pods[id].ports()) {
            if (name.equals(cp.name()) && cp.port() == port && cp.protocol().number() == protocol) {
                return true;
            }
        }
        return false;
    }

    /** The pods' named ports numbered for the verdict-only path, built on first use. */
    NamedPorts namedPorts() {
        NamedPorts n = namedPorts;
        if (n == null) {
            synchronized (this) {
                n = namedPorts;
                if (n == null) {
                    n = new NamedPorts(this);
                    namedPorts = n;
                }
            }
        }
        return n;
    }

    int podId(String namespace, String name) {
        Map<String, Integer> names = podIds.get(namespace);
        Integer id = names == null ? null : names.get(name);
        return id == null ? -1 : id;
    }
}
