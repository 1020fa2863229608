package dev.tierdeck.engine.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tierdeck.engine.synthetic.LargeCluster;
import dev.tierdeck.engine.synthetic.LargeClusterPolicies;
import dev.tierdeck.engine.synthetic.Scenario;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterStateTest {

    private static final LargeCluster SIZE = LargeCluster.SMALL;

    @Test
    void aPolicyChangeGivesTheSameStateAsApplyingItToACopy() {
        Scenario scenario = SIZE.generate(7);
        ClusterState state = scenario.state();
        KubernetesNetworkPolicy firstKubernetes = state.kubernetesPolicies().getFirst();
        CalicoPolicy secondCalico = state.calicoPolicies().get(1);
        List<ClusterObject> set = new ArrayList<>(LargeClusterPolicies.developerChange(SIZE, 7, 0));
        set.addAll(LargeClusterPolicies.adminChange(0));
        // Deleted and set again: the object moves to the end.
        set.add(secondCalico);
        List<ObjectKey> delete = List.of(firstKubernetes.key(), secondCalico.key());

        ClusterState changed = state.with(set, delete);
        ClusterState copied = copyThenApply(scenario.objects(), set, delete);

        assertThat(changed.calicoPolicies()).isEqualTo(copied.calicoPolicies());
        assertThat(changed.kubernetesPolicies()).isEqualTo(copied.kubernetesPolicies());
        assertThat(changed.clusterPolicies()).isEqualTo(copied.clusterPolicies());
        assertThat(changed.pods()).isSameAs(state.pods());
        assertThat(changed.get(firstKubernetes.key())).isNull();
        assertThat(changed.get(secondCalico.key())).isSameAs(secondCalico);
        assertThat(List.copyOf(changed.objects())).isEqualTo(List.copyOf(copied.objects()));
        assertThat(changed).isEqualTo(copied);
    }

    @Test
    void aChangeOfAPolicyOnAChangedStateStillMatchesACopy() {
        Scenario scenario = SIZE.generate(3);
        List<ClusterObject> first = LargeClusterPolicies.developerChange(SIZE, 3, 0);
        List<ClusterObject> second = LargeClusterPolicies.developerChange(SIZE, 3, 1);
        ClusterState twice = scenario.state().with(first, List.of()).with(second, List.of());
        ClusterState copied = copyThenApply(
                List.copyOf(copyThenApply(scenario.objects(), first, List.of()).objects()), second, List.of());
        assertThat(twice.calicoPolicies()).isEqualTo(copied.calicoPolicies());
        assertThat(twice.kubernetesPolicies()).isEqualTo(copied.kubernetesPolicies());
        assertThat(twice).isEqualTo(copied);
    }

    @Test
    void aChangeThatTouchesAPodCopiesEverything() {
        ClusterState state = SIZE.generate(5).state();
        Pod pod = state.pods().getFirst();
        ClusterState changed = state.with(List.of(), List.of(pod.key()));
        assertThat(changed.pods()).hasSize(state.pods().size() - 1).doesNotContain(pod);
    }

    private static ClusterState copyThenApply(
            List<ClusterObject> objects, List<ClusterObject> set, List<ObjectKey> delete) {
        LinkedHashMap<ObjectKey, ClusterObject> map = new LinkedHashMap<>();
        for (ClusterObject o : objects) {
            map.put(o.key(), o);
        }
        delete.forEach(map::remove);
        for (ClusterObject o : set) {
            map.put(o.key(), o);
        }
        return ClusterState.of(map.values());
    }
}
