package dev.tierdeck.tier;

import dev.tierdeck.engine.model.Port;
import dev.tierdeck.engine.model.Protocol;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The protocols a rule lets through and, for the protocols that carry ports (TCP, UDP, SCTP), the destination ports
 * as ranges. Ports written as a list, as overlapping ranges or by name all become the same ranges, so a rule reads
 * the same whichever way it was written. A protocol without ports is either in or out; it is stored with every port.
 */
final class ProtocolPorts {

    static final int FIRST_PORT = 1;
    static final int LAST_PORT = 65535;
    private static final int[] PORT_PROTOCOLS = {6, 17, 132};

    /** Per protocol number, the ports as sorted disjoint inclusive {@code [first, last]} pairs; never empty. */
    private final TreeMap<Integer, List<int[]>> byProtocol;

    private ProtocolPorts(TreeMap<Integer, List<int[]>> byProtocol) {
        this.byProtocol = byProtocol;
    }

    static ProtocolPorts none() {
        return new ProtocolPorts(new TreeMap<>());
    }

    /** Every protocol on every port: a rule without protocol and ports. */
    static ProtocolPorts every() {
        TreeMap<Integer, List<int[]>> all = new TreeMap<>();
        for (int p = 1; p <= 255; p++) {
            all.put(p, everyPort());
        }
        return new ProtocolPorts(all);
    }

    static boolean carriesPorts(int protocol) {
        for (int p : PORT_PROTOCOLS) {
            if (p == protocol) {
                return true;
            }
        }
        return false;
    }

    private static List<int[]> everyPort() {
        return List.of(new int[] {FIRST_PORT, LAST_PORT});
    }

    /** Builds a set protocol by protocol. */
    static final class Builder {
        private final TreeMap<Integer, List<int[]>> byProtocol = new TreeMap<>();

        /** Lets a protocol through on every port (or, for a protocol without ports, at all). */
        Builder whole(int protocol) {
            byProtocol.put(protocol, everyPort());
            return this;
        }

        /** Lets a port protocol through on these ports. */
        Builder ports(int protocol, List<int[]> ports) {
            List<int[]> ranges = normalised(ports);
            if (!ranges.isEmpty()) {
                byProtocol.merge(protocol, ranges, ProtocolPorts::union);
            }
            return this;
        }

        ProtocolPorts build() {
            return new ProtocolPorts(byProtocol);
        }
    }

    static List<int[]> ranges(List<Port> ports) {
        List<int[]> out = new ArrayList<>();
        for (Port p : ports) {
            if (p instanceof Port.Range r) {
                out.add(new int[] {r.first(), r.last()});
            }
        }
        return normalised(out);
    }

    static List<int[]> normalised(List<int[]> ranges) {
        List<int[]> sorted = new ArrayList<>();
        for (int[] r : ranges) {
            int first = Math.max(FIRST_PORT, r[0]);
            int last = Math.min(LAST_PORT, r[1]);
            if (first <= last) {
                sorted.add(new int[] {first, last});
            }
        }
        sorted.sort((a, b) -> Integer.compare(a[0], b[0]));
        List<int[]> out = new ArrayList<>();
        for (int[] r : sorted) {
            int[] last = out.isEmpty() ? null : out.getLast();
            if (last != null && r[0] <= last[1] + 1) {
                last[1] = Math.max(last[1], r[1]);
            } else {
                out.add(new int[] {r[0], r[1]});
            }
        }
        return out;
    }

    static List<int[]> union(List<int[]> a, List<int[]> b) {
        List<int[]> all = new ArrayList<>(a);
        all.addAll(b);
        return normalised(all);
    }

    static List<int[]> minus(List<int[]> a, List<int[]> b) {
        List<int[]> out = new ArrayList<>();
        for (int[] r : a) {
            int first = r[0];
            for (int[] cut : b) {
                if (cut[1] < first || cut[0] > r[1]) {
                    continue;
                }
                if (cut[0] > first) {
                    out.add(new int[] {first, cut[0] - 1});
                }
                first = Math.max(first, cut[1] + 1);
            }
            if (first <= r[1]) {
                out.add(new int[] {first, r[1]});
            }
        }
        return normalised(out);
    }

    boolean isEmpty() {
        return byProtocol.isEmpty();
    }

    ProtocolPorts union(ProtocolPorts o) {
        TreeMap<Integer, List<int[]>> out = new TreeMap<>(byProtocol);
        o.byProtocol.forEach((p, r) -> out.merge(p, r, ProtocolPorts::union));
        return new ProtocolPorts(out);
    }

    ProtocolPorts minus(ProtocolPorts o) {
        TreeMap<Integer, List<int[]>> out = new TreeMap<>();
        byProtocol.forEach((p, r) -> {
            List<int[]> cut = o.byProtocol.get(p);
            List<int[]> left = cut == null ? r : minus(r, cut);
            if (!left.isEmpty()) {
                out.put(p, left);
            }
        });
        return new ProtocolPorts(out);
    }

    /** The protocol numbers let through, ascending. */
    List<Integer> protocols() {
        return List.copyOf(byProtocol.keySet());
    }

    /** The ports of a protocol, empty when it is not let through. */
    List<int[]> ports(int protocol) {
        return byProtocol.getOrDefault(protocol, List.of());
    }

    /** Ranges as Calico writes ports: {@code 22, 8000:8999}. */
    static String text(List<int[]> ranges) {
        if (ranges.size() == 1 && ranges.getFirst()[0] == FIRST_PORT && ranges.getFirst()[1] == LAST_PORT) {
            return "every port";
        }
        return ranges.stream()
                .map(r -> r[0] == r[1] ? Integer.toString(r[0]) : r[0] + ":" + r[1])
                .collect(Collectors.joining(", "));
    }

    /** A protocol by its Calico name when it has one, else its number. */
    static String name(int protocol) {
        Protocol p = Protocol.of(protocol);
        return p == null ? Integer.toString(protocol) : p.name();
    }
}
