package dev.tierdeck.policy.namespace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tierdeck.engine.eval.Coverage;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkloadCoverageTest {

    @Test
    void aWorkloadIsOpenWhenAnyOfItsPodsIs() {
        assertThat(WorkloadCoverage.combine(
                        List.of(new Coverage.Direction(false, "default"), new Coverage.Direction(true, null))))
                .isEqualTo(new Coverage.Direction(true, null));
    }

    @Test
    void otherwiseTheTierOfItsFirstPodIsNamed() {
        assertThat(WorkloadCoverage.combine(
                        List.of(new Coverage.Direction(false, "security"), new Coverage.Direction(false, "default"))))
                .isEqualTo(new Coverage.Direction(false, "security"));
    }
}
