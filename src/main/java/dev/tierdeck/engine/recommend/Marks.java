package dev.tierdeck.engine.recommend;

import dev.tierdeck.engine.model.ClusterState;
import dev.tierdeck.engine.model.Namespace;
import dev.tierdeck.engine.recommend.Recommendation.Unusual;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Marks the observed connections a person may not want to keep, among those the suggestion would allow: a peer that
 * looks like a sandbox or a debugging tool (by its namespace, the namespace's labels, its name or its labels), a
 * connection that carries under 1% of its workload's traffic in that direction, and a peer namespace that is neither
 * the team's nor a regular partner (under 1% of the scope's traffic). The shares need at least
 * {@link #ENOUGH} connections to mean anything; below that nothing is called rare.
 */
final class Marks {

    static final List<String> DEBUG_WORDS =
            List.of("sandbox", "debug", "toolbox", "netshoot", "playground", "scratch", "troubleshoot");

    /** Connections needed before a share below 1% says "rare". */
    static final long ENOUGH = 100;

    private Marks() {}

    static void mark(List<ObservedTraffic.Conn> connections, ClusterState state, Settings settings) {
        Map<String, Long> perWorkloadDirection = new HashMap<>();
        Map<String, Long> perNamespace = new HashMap<>();
        long total = 0;
        for (ObservedTraffic.Conn c : connections) {
            if (!choosable(c)) {
                continue;
            }
            perWorkloadDirection.merge(c.local.key() + c.ingress, c.connections, Long::sum);
            String ns = c.peer.namespace();
            if (ns != null) {
                perNamespace.merge(ns, c.connections, Long::sum);
            }
            total += c.connections;
        }
        for (ObservedTraffic.Conn c : connections) {
            if (!choosable(c)) {
                continue;
            }
            List<Unusual> marks = new ArrayList<>();
            if (c.peer instanceof Peer.WorkloadPeer w && looksLikeDebugging(w.workload(), state)) {
                marks.add(Unusual.SANDBOX_OR_DEBUG);
            }
            long own = perWorkloadDirection.get(c.local.key() + c.ingress);
            if (own >= ENOUGH && c.connections * 100 < own) {
                marks.add(Unusual.RARE);
            }
            String ns = c.peer.namespace();
            if (ns != null
                    && !ns.equals(settings.namespace())
                    && !settings.usualNamespaces().contains(ns)
                    && total >= ENOUGH
                    && perNamespace.get(ns) * 100 < total) {
                marks.add(Unusual.UNUSUAL_PEER);
            }
            c.unusual = List.copyOf(marks);
        }
    }

    private static boolean choosable(ObservedTraffic.Conn c) {
        return c.status == Recommendation.Status.ALLOWED || c.status == Recommendation.Status.LEFT_OUT;
    }

    private static boolean looksLikeDebugging(Workloads.Workload w, ClusterState state) {
        List<String> words = new ArrayList<>();
        words.add(w.namespace());
        words.add(w.name());
        Namespace ns = state.namespace(w.namespace());
        if (ns != null) {
            words.addAll(ns.labels().values());
        }
        words.addAll(w.pods().getFirst().labels().values());
        for (String word : words) {
            String lower = word.toLowerCase(Locale.ROOT);
            if (DEBUG_WORDS.stream().anyMatch(lower::contains)) {
                return true;
            }
        }
        return false;
    }
}
