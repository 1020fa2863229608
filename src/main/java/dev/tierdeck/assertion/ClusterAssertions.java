package dev.tierdeck.assertion;

import dev.tierdeck.cluster.ClusterReader;
import dev.tierdeck.engine.assertion.AssertionChecker;
import dev.tierdeck.engine.assertion.AssertionResult;
import dev.tierdeck.engine.eval.CompiledCluster;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Every stored assertion checked against the cluster as it is. The result is kept for one cluster state and one set
 * of assertions (a single entry): the compiled cluster is replaced on every cluster change, so a page view or an API
 * call after no change costs a fingerprint query. An assertion that turns violated publishes
 * {@link AssertionViolated} once, until it holds again.
 */
@Component
class ClusterAssertions {

    /** A stored assertion and its result on the cluster. */
    record Checked(StoredAssertion stored, AssertionResult result) {}

    private record Entry(CompiledCluster cluster, String fingerprint, List<Checked> results) {}

    private final ClusterReader reader;
    private final AssertionStore store;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final AtomicReference<Entry> last = new AtomicReference<>();
    /** Ids of the assertions last found violated, so that each turning violated is announced once. */
    private final Set<Long> announced = new HashSet<>();

    ClusterAssertions(
            ClusterReader reader, AssertionStore store, ApplicationEventPublisher events, ObjectProvider<Clock> clock) {
        this.reader = reader;
        this.store = store;
        this.events = events;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /** The compiled cluster the results below are about. */
    CompiledCluster cluster() {
        return reader.compiled();
    }

    /** Each stored assertion with its result today, in the store's order. */
    List<Checked> today() {
        CompiledCluster cluster = reader.compiled();
        String fingerprint = store.fingerprint();
        Entry e = last.get();
        if (e != null && e.cluster() == cluster && e.fingerprint().equals(fingerprint)) {
            return e.results();
        }
        List<StoredAssertion> stored = store.all();
        List<AssertionResult> results = AssertionChecker.check(
                cluster, stored.stream().map(StoredAssertion::assertion).toList());
        List<Checked> out = new ArrayList<>(stored.size());
        for (int i = 0; i < stored.size(); i++) {
            out.add(new Checked(stored.get(i), results.get(i)));
        }
        List<Checked> checked = List.copyOf(out);
        last.set(new Entry(cluster, fingerprint, checked));
        announce(checked);
        return checked;
    }

    private void announce(List<Checked> checked) {
        List<AssertionViolated> fresh = new ArrayList<>();
        synchronized (announced) {
            Set<Long> violated = new HashSet<>();
            for (Checked c : checked) {
                if (c.result().status() == AssertionResult.Status.VIOLATED) {
                    violated.add(c.stored().id());
                    if (!announced.contains(c.stored().id())) {
                        fresh.add(new AssertionViolated(
                                c.stored().id(),
                                c.stored().name(),
                                c.stored().namespace(),
                                AssertionViolated.Source.CLUSTER,
                                Examples.plain(c.result()),
                                clock.instant()));
                    }
                }
            }
            announced.clear();
            announced.addAll(violated);
        }
        fresh.forEach(events::publishEvent);
    }
}
