package dev.tierdeck.engine.eval;

import dev.tierdeck.engine.model.ContainerPort;
import dev.tierdeck.engine.model.Pod;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every pod's named container ports with the names numbered, so that a named-port test (calico-semantics §2.7)
 * compares integers in one small array instead of walking the pod's port objects and their names. Pods with the
 * same ports share one array.
 */
final class NamedPorts {

    private static final int[] NONE = new int[0];

    /**
     * Port names numbered in the order they are first seen, in pods or in rules. Shared by the indexes derived from
     * one scratch compile, so that packed rules carried from one to the next keep their numbers valid; a name no pod
     * declares yet still gets a number, which a pod added later may declare.
     */
    static final class Names {

        private final ConcurrentHashMap<String, Integer> ids = new ConcurrentHashMap<>();

        int id(String name) {
            Integer id = ids.get(name);
            if (id != null) {
                return id;
            }
            synchronized (this) {
                return ids.computeIfAbsent(name, n -> ids.size());
            }
        }

        int size() {
            return ids.size();
        }
    }

    private final Names names;
    /** Per pod: triples of name id, protocol number and port. */
    private final int[][] byPod;

    NamedPorts(Index index) {
        names = index.portNames;
        byPod = new int[index.podCount()][];
        Map<List<ContainerPort>, int[]> shared = new HashMap<>();
        for (int pod = 0; pod < byPod.length; pod++) {
            Pod p = index.pods[pod];
            byPod[pod] = p == null ? NONE : shared.computeIfAbsent(p.ports(), this::encode);
        }
    }

    private int[] encode(List<ContainerPort> ports) {
        List<Integer> out = new ArrayList<>();
        for (ContainerPort cp : ports) {
            if (cp.name() == null) {
                continue;
            }
            out.add(names.id(cp.name()));
            out.add(cp.protocol().number());
            out.add(cp.port());
        }
        return out.isEmpty() ? NONE : out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The numbers of these names. */
    static int[] ids(Names names, String[] portNames) {
        int[] out = new int[portNames.length];
        for (int i = 0; i < portNames.length; i++) {
            out[i] = names.id(portNames[i]);
        }
        return out;
    }

    /** Whether the pod declares one of the names with this protocol and port (as {@link Index#declaresNamedPort}). */
    boolean declaresAny(int pod, int[] nameIds, int protocol, int port) {
        int[] entries = byPod[pod];
        for (int e = 0; e < entries.length; e += 3) {
            if (entries[e + 1] == protocol && entries[e + 2] == port) {
                for (int id : nameIds) {
                    if (entries[e] == id) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
