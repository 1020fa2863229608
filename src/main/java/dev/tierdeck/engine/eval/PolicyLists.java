package dev.tierdeck.engine.eval;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Builds the per-pod ordered policy lists; identical lists (pods selected by the same policies) share one array.
 */
final class PolicyLists {

    private static final int[] EMPTY = new int[0];

    private final int[][] ingress;
    private final int[] ingressSize;
    private final int[][] egress;
    private final int[] egressSize;

    PolicyLists(int pods) {
        ingress = new int[pods][];
        ingressSize = new int[pods];
        egress = new int[pods][];
        egressSize = new int[pods];
    }

    void addIngress(int pod, int policy) {
        add(ingress, ingressSize, pod, policy);
    }

    void addEgress(int pod, int policy) {
        add(egress, egressSize, pod, policy);
    }

    private static void add(int[][] lists, int[] sizes, int pod, int policy) {
        int[] l = lists[pod];
        if (l == null) {
            l = new int[4];
            lists[pod] = l;
        } else if (sizes[pod] == l.length) {
            l = Arrays.copyOf(l, l.length * 2);
            lists[pod] = l;
        }
        l[sizes[pod]++] = policy;
    }

    int[][] ingress() {
        return finish(ingress, ingressSize);
    }

    int[][] egress() {
        return finish(egress, egressSize);
    }

    private static int[][] finish(int[][] lists, int[] sizes) {
        Map<Key, int[]> shared = new HashMap<>();
        int[][] out = new int[lists.length][];
        for (int i = 0; i < lists.length; i++) {
            if (lists[i] == null) {
                out[i] = EMPTY;
                continue;
            }
            int[] l = Arrays.copyOf(lists[i], sizes[i]);
            out[i] = shared.computeIfAbsent(new Key(l), k -> k.values);
        }
        return out;
    }

    private record Key(int[] values) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(values, k.values);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(values);
        }
    }
}
