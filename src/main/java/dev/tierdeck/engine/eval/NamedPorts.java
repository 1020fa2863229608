package dev.tierdeck.engine.eval;

import dev.tierdeck.engine.model.ContainerPort;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every pod's named container ports with the names numbered, so that a named-port test (calico-semantics §2.7)
 * compares integers in one small array instead of walking the pod's port objects and their names. Pods with the
 * same ports share one array.
 */
final class NamedPorts {

    private static final int[] NONE = new int[0];

    private final Map<String, Integer> ids = new HashMap<>();
    /** Per pod: triples of name id, protocol number and port. */
    private final int[][] byPod;

    NamedPorts(Index index) {
        byPod = new int[index.podCount()][];
        Map<List<ContainerPort>, int[]> shared = new HashMap<>();
        for (int pod = 0; pod < byPod.length; pod++) {
            byPod[pod] = shared.computeIfAbsent(index.pods[pod].ports(), this::encode);
        }
    }

    private int[] encode(List<ContainerPort> ports) {
        List<Integer> out = new ArrayList<>();
        for (ContainerPort cp : ports) {
            if (cp.name() == null) {
                continue;
            }
            out.add(ids.computeIfAbsent(cp.name(), n -> ids.size()));
            out.add(cp.protocol().number());
            out.add(cp.port());
        }
        return out.isEmpty() ? NONE : out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The numbers of these names; a name no pod declares gets -1, which matches nothing. */
    int[] ids(String[] names) {
        int[] out = new int[names.length];
        for (int i = 0; i < names.length; i++) {
            out[i] = ids.getOrDefault(names[i], -1);
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
