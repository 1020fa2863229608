package dev.tierdeck.engine.eval;

import dev.tierdeck.engine.model.Port;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * Cuts a set of ports into the pieces that a set of rules cannot tell apart, and names one port of each piece. The
 * cut points are the boundaries of every numeric port range the rules test and the numbers of the named ports the
 * endpoints declare, so that inside a piece every port test of those rules answers alike.
 */
final class PortRegions {

    private final TreeSet<Integer> cuts = new TreeSet<>();

    /** A boundary at the first port of {@code range} and after its last. */
    void cut(Port.Range range) {
        cuts.add(range.first());
        cuts.add(range.last() + 1);
    }

    void cut(int port) {
        cuts.add(port);
        cuts.add(port + 1);
    }

    void cutAll(PortRegions other) {
        cuts.addAll(other.cuts);
    }

    /**
     * One port of each piece of {@code covered} (ranges may overlap), in increasing order: {@code preferred} for the
     * piece holding it, else the piece's first port.
     */
    int[] representatives(List<Port.Range> covered, int preferred) {
        List<Port.Range> merged = merge(covered);
        TreeSet<Integer> bounds = new TreeSet<>(cuts);
        for (Port.Range r : merged) {
            bounds.add(r.first());
            bounds.add(r.last() + 1);
        }
        List<Integer> out = new ArrayList<>();
        Integer from = bounds.isEmpty() ? null : bounds.first();
        while (from != null) {
            Integer to = bounds.higher(from);
            if (to == null) {
                break;
            }
            if (inside(merged, from)) {
                out.add(preferred >= from && preferred < to ? preferred : from);
            }
            from = to;
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static List<Port.Range> merge(List<Port.Range> ranges) {
        List<Port.Range> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparingInt(Port.Range::first));
        List<Port.Range> out = new ArrayList<>();
        for (Port.Range r : sorted) {
            Port.Range last = out.isEmpty() ? null : out.getLast();
            if (last != null && r.first() <= last.last() + 1) {
                out.set(out.size() - 1, new Port.Range(last.first(), Math.max(last.last(), r.last())));
            } else {
                out.add(r);
            }
        }
        return out;
    }

    private static boolean inside(List<Port.Range> merged, int port) {
        for (Port.Range r : merged) {
            if (r.contains(port)) {
                return true;
            }
        }
        return false;
    }
}
