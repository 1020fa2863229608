package dev.tierdeck.tier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tierdeck.engine.eval.CompiledCluster;
import dev.tierdeck.engine.eval.Engine;
import dev.tierdeck.engine.model.ClusterObject;
import dev.tierdeck.engine.model.ClusterState;
import dev.tierdeck.engine.model.Pod;
import dev.tierdeck.engine.synthetic.LargeCluster;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What the tier and stack screens cost on the large synthetic cluster (1,000 namespaces, 50,000 pods, 10,000
 * policies): every policy's pods per namespace from the compiled cluster, once from scratch, once more on the same
 * cluster (shared), and after pods were replaced and relabelled (only the touched selections are counted again); and
 * one page of the stack. Not part of the normal test run:
 *
 * <pre>./mvnw -B -o test -Dgroups=bench -Dsurefire.excludedGroups=none -Dtest=PolicyStackBenchmark
 *     -Dsurefire.failIfNoSpecifiedTests=false</pre>
 */
@Tag("bench")
class PolicyStackBenchmark {

    @Test
    void stackOfTheLargeCluster() {
        int cores = Runtime.getRuntime().availableProcessors();
        ClusterState state = LargeCluster.FULL.generate(1).state();
        long t0 = System.nanoTime();
        CompiledCluster compiled = Engine.compile(state);
        System.out.printf(
                "compile: %d pods, %d policies in %.2f s (%d cores)%n",
                state.pods().size(), compiled.policyCount(), seconds(t0), cores);

        PolicyPages.Reuse<PolicyStack.Entry> reuse = new PolicyPages.Reuse<>();
        long t1 = System.nanoTime();
        Map<String, List<PolicyStack.Entry>> first = PolicyStack.entries(SelectedPods.of(compiled), reuse);
        System.out.printf("stack entries, first count: %.0f ms%n", millis(t1));
        long t2 = System.nanoTime();
        PolicyStack.entries(SelectedPods.of(compiled), reuse);
        System.out.printf("stack entries, counts kept: %.0f ms%n", millis(t2));

        // 50 pods replaced by pods with other labels, as a burst of churn
        List<ClusterObject> objects = new ArrayList<>(state.objects());
        int replaced = 0;
        for (int i = 0; i < objects.size() && replaced < 50; i++) {
            if (objects.get(i) instanceof Pod p && i % 997 == 0) {
                Map<String, String> labels = new HashMap<>(p.labels());
                labels.put("churned", "yes");
                objects.set(i, new Pod(p.namespace(), p.name(), labels, p.serviceAccountName(), p.ips(), p.ports()));
                replaced++;
            }
        }
        ClusterState next = ClusterState.of(objects);
        long t3 = System.nanoTime();
        CompiledCluster updated = Engine.update(compiled, next);
        System.out.printf("update after %d relabelled pods: %.0f ms%n", replaced, millis(t3));
        long t4 = System.nanoTime();
        Map<String, List<PolicyStack.Entry>> after = PolicyStack.entries(SelectedPods.of(updated), reuse);
        System.out.printf("stack entries after the change: %.0f ms%n", millis(t4));

        long t5 = System.nanoTime();
        int shown = 0;
        for (var tier : after.entrySet()) {
            shown += PolicyPages.FIRST
                    .pageOf(tier.getKey(), tier.getValue())
                    .items()
                    .size();
        }
        System.out.printf("one page of every tier: %d policies in %.1f ms%n", shown, millis(t5));
        assertThat(first.values().stream().mapToInt(List::size).sum())
                .isEqualTo(after.values().stream().mapToInt(List::size).sum());
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static double millis(long since) {
        return (System.nanoTime() - since) / 1e6;
    }
}
