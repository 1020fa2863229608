package dev.tierdeck.engine.eval;

import dev.tierdeck.engine.model.Pod;
import java.util.BitSet;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * How many pods each selection holds per namespace, counted once per selection: a derived cluster keeps the
 * selections that no change touched (the same {@link BitSet} objects, see {@link CompiledPolicy}), and pod ids shared
 * with the previous index keep their pod, while a freed slot is only taken by a pod of the same namespace, so a count
 * made over an unchanged selection stays true. Keyed by identity; only selections of the current cluster are kept.
 */
final class SelectionCounts {

    private final Map<BitSet, Map<String, Integer>> counts = Collections.synchronizedMap(new IdentityHashMap<>());

    SelectionCounts() {}

    /** The counts of {@code previous} for the selections still in {@code selected}. */
    SelectionCounts(SelectionCounts previous, BitSet[] selected) {
        synchronized (previous.counts) {
            for (BitSet s : selected) {
                Map<String, Integer> c = previous.counts.get(s);
                if (c != null) {
                    counts.put(s, c);
                }
            }
        }
    }

    Map<String, Integer> of(BitSet selection, @Nullable Pod[] pods) {
        Map<String, Integer> c = counts.get(selection);
        if (c == null) {
            c = count(selection, pods);
            counts.put(selection, c);
        }
        return c;
    }

    private static Map<String, Integer> count(BitSet selection, @Nullable Pod[] pods) {
        Map<String, Integer> out = new TreeMap<>();
        for (int i = selection.nextSetBit(0); i >= 0; i = selection.nextSetBit(i + 1)) {
            Pod pod = pods[i];
            if (pod != null) {
                out.merge(pod.namespace(), 1, Integer::sum);
            }
        }
        return Collections.unmodifiableMap(out);
    }
}
