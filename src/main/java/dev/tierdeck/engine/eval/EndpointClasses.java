package dev.tierdeck.engine.eval;

import dev.tierdeck.engine.model.Cidr;
import dev.tierdeck.engine.model.IpAddress;
import dev.tierdeck.engine.model.Pod;
import java.nio.IntBuffer;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Endpoints of a compiled cluster that every rule treats alike, numbered. A rule sees a pod only through its
 * namespace, labels and service account (selectors, §2.4, §2.8), its declared ports (named ports, §2.7), its policy
 * lists, and its address through the rules' CIDRs and the network sets containing it (§2.6). Two endpoints equal
 * in all of these get the same verdict for the same ports and protocol, so verdicts can be shared between them.
 */
final class EndpointClasses {

    /** Class numbers stay below this so that two of them, a protocol and a port pack into one long. */
    static final int LIMIT = (1 << 19) - 1;

    private final Index index;
    private final Cidr[] cidrs;
    private final int[] podClass;
    private final Map<Key, Integer> ids = new ConcurrentHashMap<>();
    private final Map<IpAddress, Integer> outside = new ConcurrentHashMap<>();
    private final int[] podParts;

    private record PodPart(
            String namespace,
            Map<String, String> labels,
            String serviceAccount,
            Object ports,
            IntBuffer ingress,
            IntBuffer egress) {}

    private record Key(int podPart, boolean hasIp, boolean v6, BitSet cidrs, IntBuffer netsets) {}

    EndpointClasses(CompiledCluster cluster) {
        this.index = cluster.index;
        Set<Cidr> all = new LinkedHashSet<>();
        for (CompiledPolicy p : cluster.policies) {
            for (CompiledRule r : p.rules(true)) {
                r.collectCidrs(all);
            }
            for (CompiledRule r : p.rules(false)) {
                r.collectCidrs(all);
            }
        }
        this.cidrs = all.toArray(new Cidr[0]);
        int n = index.podCount();
        Map<PodPart, Integer> parts = new HashMap<>();
        podParts = new int[n];
        podClass = new int[n];
        for (int pod = 0; pod < n; pod++) {
            Pod p = index.pods[pod];
            PodPart part = new PodPart(
                    p.namespace(),
                    p.labels(),
                    p.serviceAccountName(),
                    p.ports(),
                    IntBuffer.wrap(cluster.ingressLists[pod]),
                    IntBuffer.wrap(cluster.egressLists[pod]));
            Integer id = parts.putIfAbsent(part, parts.size());
            podParts[pod] = id == null ? parts.size() - 1 : id;
            IpAddress[] ips = index.podIps[pod];
            podClass[pod] = classOf(podParts[pod], ips.length == 0 ? null : ips[0]);
        }
    }

    /** The class of an endpoint as a flow resolved it, or -1 when there are too many classes to number. */
    int of(int pod, @Nullable IpAddress ip) {
        if (pod >= 0) {
            IpAddress[] ips = index.podIps[pod];
            if (ips.length == 0 ? ip == null : ips[0] == ip || ips[0].equals(ip)) {
                return podClass[pod];
            }
            return classOf(podParts[pod], ip);
        }
        if (ip == null) {
            return classOf(-1, null);
        }
        Integer known = outside.get(ip);
        if (known != null) {
            return known;
        }
        int id = classOf(-1, ip);
        if (outside.size() < 1_000_000) {
            outside.put(ip, id);
        }
        return id;
    }

    private int classOf(int podPart, @Nullable IpAddress ip) {
        BitSet in = new BitSet();
        if (ip != null) {
            for (int c = 0; c < cidrs.length; c++) {
                if (cidrs[c].contains(ip)) {
                    in.set(c);
                }
            }
        }
        Key key = new Key(podPart, ip != null, ip != null && ip.v6(), in, IntBuffer.wrap(index.netsetsContaining(ip)));
        Integer id = ids.get(key);
        if (id != null) {
            return id;
        }
        synchronized (ids) {
            int next = ids.size();
            if (next >= LIMIT) {
                return -1;
            }
            return ids.computeIfAbsent(key, k -> next);
        }
    }
}
