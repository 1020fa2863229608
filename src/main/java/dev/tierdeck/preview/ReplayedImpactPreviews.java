package dev.tierdeck.preview;

import dev.tierdeck.cluster.ClusterReader;
import dev.tierdeck.engine.eval.Change;
import dev.tierdeck.engine.eval.CompiledCluster;
import dev.tierdeck.engine.eval.Flow;
import dev.tierdeck.engine.eval.FlowChange;
import dev.tierdeck.engine.eval.Impact;
import dev.tierdeck.engine.eval.ImpactReport;
import dev.tierdeck.engine.model.ClusterState;
import dev.tierdeck.flow.FlowRecord;
import dev.tierdeck.flow.FlowStore;
import dev.tierdeck.flow.ReplayFlow;
import dev.tierdeck.flow.ReplaySet;
import dev.tierdeck.flow.Reporter;
import dev.tierdeck.system.HeavyWork;
import dev.tierdeck.tenancy.Permissions;
import dev.tierdeck.tenancy.PolicyDisclosure;
import dev.tierdeck.tier.TierGovernance;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Replays the window's stored flows, mapped onto the current cluster, through the engine before and after the
 * change ({@link Impact}, the same computation as the {@code impact} command), then groups the flipped flows by
 * source and destination workload, protocol and port and says why each group is decided as it is.
 *
 * <p>Counts: a stored flow is usually reported by both ends (calico-semantics §4.4), so the connections of a
 * replayed flow are those reported by the busier end, and at least one, since a stored flow saw traffic.
 */
@Component
@EnableConfigurationProperties(PreviewProperties.class)
class ReplayedImpactPreviews implements ImpactPreviews {

    private final ClusterReader cluster;
    private final FlowStore store;
    private final TierGovernance governance;
    private final Permissions permissions;
    private final PreviewProperties properties;
    private final HeavyWork heavyWork;

    ReplayedImpactPreviews(
            ClusterReader cluster,
            FlowStore store,
            TierGovernance governance,
            Permissions permissions,
            PreviewProperties properties,
            HeavyWork heavyWork) {
        this.cluster = cluster;
        this.store = store;
        this.governance = governance;
        this.permissions = permissions;
        this.properties = properties;
        this.heavyWork = heavyWork;
    }

    @Override
    public ImpactPreview preview(Change change, @Nullable Collection<String> namespaces, Instant from, Instant to) {
        return preview(change, namespaces, from, to, permissions.disclosureToReadersOf(namespaces));
    }

    @Override
    public ImpactPreview preview(
            Change change, @Nullable Collection<String> namespaces, Instant from, Instant to, PolicyDisclosure reader) {
        // replaying a week of flows is seconds of computing: on the heavy-work threads, bounded and queued
        return heavyWork.run("preview", () -> replay(change, namespaces, from, to, reader));
    }

    private ImpactPreview replay(
            Change change, @Nullable Collection<String> namespaces, Instant from, Instant to, PolicyDisclosure reader) {
        TraceWords words = new TraceWords(governance, reader);
        // the compiled cluster the reader keeps current as the cluster changes, never compiled per preview
        CompiledCluster before = cluster.compiled();
        ClusterState state = before.state();
        ReplaySet replay = store.replay(from, to, namespaces, state);
        List<Flow> flows = replay.flows().stream().map(ReplayFlow::flow).toList();
        ImpactReport report = Impact.of(before, change, flows);

        Map<String, ReplayFlow> byId = new HashMap<>();
        for (ReplayFlow r : replay.flows()) {
            byId.put(r.flow().id(), r);
        }
        record Key(
                String source,
                String destination,
                String protocol,
                int port,
                String before,
                String after,
                String explanation) {}
        Map<Key, Long> counts = new LinkedHashMap<>();
        long denied = 0;
        long allowed = 0;
        for (FlowChange c : report.changes()) {
            ReplayFlow replayed = byId.get(c.flow().id());
            FlowRecord observed = replayed.observed().getFirst();
            long connections = connections(replayed);
            Key key = new Key(
                    observed.source().displayName(),
                    observed.destination().displayName(),
                    c.flow().protocol().name(),
                    c.flow().port() == null ? 0 : c.flow().port(),
                    c.beforeAction().name(),
                    c.afterAction().name(),
                    explanation(c, words));
            counts.merge(key, connections, Long::sum);
            if (c.newlyDenied()) {
                denied += connections;
            } else {
                allowed += connections;
            }
        }
        List<ImpactPreview.FlowChange> changes = new ArrayList<>();
        counts.forEach((k, n) -> changes.add(new ImpactPreview.FlowChange(
                k.source(), k.destination(), k.protocol(), k.port(), k.before(), k.after(), n, k.explanation())));
        changes.sort(Comparator.comparingLong(ImpactPreview.FlowChange::count)
                .reversed()
                .thenComparing(ImpactPreview.FlowChange::source)
                .thenComparing(ImpactPreview.FlowChange::destination)
                .thenComparingInt(ImpactPreview.FlowChange::port));
        if (changes.size() > properties.maxChanges()) {
            // the totals below still count every change; the list is for reading, not for a week's every flow
            changes.subList(properties.maxChanges(), changes.size()).clear();
        }
        return new ImpactPreview(
                from,
                to,
                report.flows(),
                replay.unmapped().size(),
                denied,
                allowed,
                changes,
                thin(report.flows(), replay, properties),
                report.newlyDenied(),
                report.newlyAllowed(),
                unmappedReasons(replay));
    }

    /** Few distinct flows that also carry few connections: a window with little traffic in it. */
    static boolean thin(int flows, ReplaySet replay, PreviewProperties properties) {
        if (flows >= properties.thinHistoryFlows()) {
            return false;
        }
        long connections = 0;
        for (ReplayFlow r : replay.flows()) {
            connections += connections(r);
        }
        return connections < properties.thinHistoryConnections();
    }

    private static String explanation(FlowChange c, TraceWords words) {
        return words.change(c.flow(), c.before().enforced(), c.after().enforced());
    }

    /** Connections started, as counted by the end that reported more of them; at least 1. */
    static long connections(ReplayFlow flow) {
        long bySource = 0;
        long byDestination = 0;
        for (FlowRecord r : flow.observed()) {
            if (r.reporter() == Reporter.Src) {
                bySource += r.counts().connectionsStarted();
            } else {
                byDestination += r.counts().connectionsStarted();
            }
        }
        return Math.max(1, Math.max(bySource, byDestination));
    }

    /** "2 flows: no current pod matches the observed workload (e.g. source checkout/gone-*: …)." */
    static List<String> unmappedReasons(ReplaySet replay) {
        Map<ReplaySet.Reason, List<ReplaySet.Unmapped>> byReason = new LinkedHashMap<>();
        for (ReplaySet.Unmapped u : replay.unmapped()) {
            byReason.computeIfAbsent(u.reason(), r -> new ArrayList<>()).add(u);
        }
        List<String> out = new ArrayList<>();
        byReason.forEach((reason, flows) -> out.add(flows.size() + (flows.size() == 1 ? " flow: " : " flows: ")
                + reasonText(reason) + " (e.g. " + flows.getFirst().detail() + ")."));
        return out;
    }

    private static String reasonText(ReplaySet.Reason reason) {
        return switch (reason) {
            case NO_MATCHING_POD -> "no current pod matches the observed workload; it was deleted or relabelled since";
            case NO_NETWORK_SET -> "the observed network set no longer exists or lists no address";
            case HOST_ENDPOINT -> "host endpoints are outside what Tierdeck evaluates";
            case NETWORK_COVERED_BY_NETWORK_SET ->
                "every stand-in address for the outside network lies in a network set, so none represents it";
            case UNKNOWN_PROTOCOL -> "the protocol is not one the engine evaluates";
        };
    }
}
