package dev.tierdeck.assertion;

import dev.tierdeck.engine.assertion.Assertion;
import dev.tierdeck.engine.assertion.ObservedFlows;
import dev.tierdeck.engine.eval.CompiledCluster;
import dev.tierdeck.engine.eval.Verdict;
import dev.tierdeck.flow.FlowAction;
import dev.tierdeck.flow.FlowRecord;
import dev.tierdeck.flow.FlowReplay;
import dev.tierdeck.flow.FlowStore;
import dev.tierdeck.flow.ReplayFlow;
import dev.tierdeck.flow.ReplaySet;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Observed flows judged against the assertions: the stored flows of a recent window (at most a bounded number of
 * them, the newest), each with the verdict the cluster gave it, checked with the engine's {@link ObservedFlows}. The
 * judgement is kept for one minute, one cluster state and one set of assertions, so page views do not rescan the
 * history. A connection newly found contradicting an assertion publishes {@link AssertionViolated} once (while the
 * portal runs; the memory of what was announced is bounded).
 */
@Component
class ObservedContradictions {

    /** Most (assertion, connection) pairs remembered as announced; past it the memory starts again. */
    static final int ANNOUNCED_LIMIT = 10_000;

    /**
     * One observed connection that contradicts an assertion.
     *
     * @param connection {@code sandbox/debug-shell-* → payments/payments-worker-* TCP 8080}
     * @param verdict what the cluster did: {@code allowed} or {@code denied}
     * @param lastSeen the end of the latest observation
     */
    record Contradiction(
            String connection,
            String verdict,
            Instant lastSeen,
            @Nullable String sourceNamespace,
            @Nullable String destinationNamespace) {}

    /**
     * What the window holds against one assertion.
     *
     * @param flows distinct observed connections that contradict it
     * @param latest the latest of them, newest first, at most the configured number
     */
    record Judged(int flows, List<Contradiction> latest) {

        static final Judged NONE = new Judged(0, List.of());
    }

    /**
     * @param from window start
     * @param to window end
     * @param read distinct stored flows judged
     * @param capped whether the window held more and only the newest were judged
     */
    record Window(Instant from, Instant to, int read, boolean capped, Map<Long, Judged> byAssertion) {

        Judged of(long assertionId) {
            return byAssertion.getOrDefault(assertionId, Judged.NONE);
        }
    }

    private record Entry(CompiledCluster cluster, String fingerprint, Instant minute, Window window) {}

    private final FlowStore flows;
    private final ClusterAssertions cluster;
    private final AssertionStore store;
    private final AssertionProperties properties;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final AtomicReference<Entry> last = new AtomicReference<>();
    private final Set<String> announced = new LinkedHashSet<>();

    ObservedContradictions(
            FlowStore flows,
            ClusterAssertions cluster,
            AssertionStore store,
            AssertionProperties properties,
            ApplicationEventPublisher events,
            ObjectProvider<Clock> clock) {
        this.flows = flows;
        this.cluster = cluster;
        this.store = store;
        this.properties = properties;
        this.events = events;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /** The judgement of the current window (recomputed at most once a minute, or when the cluster or set changes). */
    Window current() {
        Instant now = clock.instant();
        Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
        CompiledCluster compiled = cluster.cluster();
        String fingerprint = store.fingerprint();
        Entry e = last.get();
        if (e != null
                && e.cluster() == compiled
                && e.fingerprint().equals(fingerprint)
                && e.minute().equals(minute)) {
            return e.window();
        }
        Window w = judge(compiled, store.all(), now.minus(properties.observedWindow()), now);
        last.set(new Entry(compiled, fingerprint, minute, w));
        return w;
    }

    Window judge(CompiledCluster compiled, List<StoredAssertion> stored, Instant from, Instant to) {
        List<FlowRecord> records = new ArrayList<>(flows.distinctFlows(from, to, null));
        boolean capped = records.size() > properties.maxObservedFlows();
        if (capped) {
            records.sort(Comparator.comparing(FlowRecord::end).reversed());
            records = new ArrayList<>(records.subList(0, properties.maxObservedFlows()));
        }
        if (stored.isEmpty() || records.isEmpty()) {
            return new Window(from, to, records.size(), capped, Map.of());
        }
        ObservedFlows judge = ObservedFlows.of(
                compiled, stored.stream().map(StoredAssertion::assertion).toList());
        Map<Assertion, StoredAssertion> byAssertion = new IdentityHashMap<>();
        stored.forEach(s -> byAssertion.put(s.assertion(), s));
        ReplaySet replay = FlowReplay.map(records, compiled.state());
        Map<Long, List<Contradiction>> found = new HashMap<>();
        for (ReplayFlow r : replay.flows()) {
            for (Verdict observed : observedVerdicts(r)) {
                for (Assertion a : judge.contradictedBy(r.flow(), observed)) {
                    StoredAssertion s = byAssertion.get(a);
                    if (s != null) {
                        found.computeIfAbsent(s.id(), k -> new ArrayList<>()).add(contradiction(r, observed));
                    }
                }
            }
        }
        Map<Long, Judged> out = new HashMap<>();
        found.forEach((id, list) -> {
            list.sort(Comparator.comparing(Contradiction::lastSeen).reversed());
            out.put(
                    id,
                    new Judged(
                            list.size(), List.copyOf(list.subList(0, Math.min(properties.examples(), list.size())))));
        });
        announce(stored, found);
        return new Window(from, to, records.size(), capped, Map.copyOf(out));
    }

    /** The verdicts the cluster was seen giving the connection (both, when reports of it disagree). */
    private static List<Verdict> observedVerdicts(ReplayFlow r) {
        List<Verdict> out = new ArrayList<>(2);
        if (r.observed().stream().anyMatch(f -> f.action() == FlowAction.Allow)) {
            out.add(Verdict.Allow);
        }
        if (r.observed().stream().anyMatch(f -> f.action() == FlowAction.Deny)) {
            out.add(Verdict.Deny);
        }
        return out;
    }

    private static Contradiction contradiction(ReplayFlow r, Verdict observed) {
        FlowRecord first = r.observed().getFirst();
        Instant seen = r.observed().stream()
                .map(FlowRecord::end)
                .max(Comparator.naturalOrder())
                .orElse(first.end());
        String port = first.port() > 0 ? " " + first.port() : "";
        return new Contradiction(
                first.source().displayName() + " → " + first.destination().displayName() + " " + first.protocol()
                        + port,
                Examples.verdict(observed),
                seen,
                first.source().namespace(),
                first.destination().namespace());
    }

    private void announce(List<StoredAssertion> stored, Map<Long, List<Contradiction>> found) {
        List<AssertionViolated> fresh = new ArrayList<>();
        synchronized (announced) {
            for (StoredAssertion s : stored) {
                for (Contradiction c : found.getOrDefault(s.id(), List.of())) {
                    if (announced.size() >= ANNOUNCED_LIMIT) {
                        announced.clear();
                    }
                    if (announced.add(s.id() + " " + c.connection() + " " + c.verdict())) {
                        fresh.add(new AssertionViolated(
                                s.id(),
                                s.name(),
                                s.namespace(),
                                AssertionViolated.Source.OBSERVED_FLOW,
                                c.connection() + " was " + c.verdict() + " at " + c.lastSeen(),
                                clock.instant()));
                    }
                }
            }
        }
        fresh.forEach(events::publishEvent);
    }
}
