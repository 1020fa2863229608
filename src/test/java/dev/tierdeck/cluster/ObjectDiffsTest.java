package dev.tierdeck.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tierdeck.cluster.ObjectDiff.FieldChange;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ObjectDiffsTest {

    @Test
    void fullDiffShowsChangedAddedAndRemovedFields() {
        Map<String, Object> expected = Map.of("spec", Map.of("order", 10, "selector", "a == 'b'"));
        Map<String, Object> actual = Map.of("spec", Map.of("order", 20, "types", List.of("Ingress")));

        assertThat(ObjectDiffs.full(expected, actual).changes())
                .containsExactly(
                        new FieldChange("spec.order", 10, 20),
                        new FieldChange("spec.selector", "a == 'b'", null),
                        new FieldChange("spec.types", null, List.of("Ingress")));
    }

    @Test
    void apiServerDefaultsAreNotDrift() {
        Map<String, Object> applied = Map.of("spec", Map.of("ports", List.of(Map.of("port", 80))));
        Map<String, Object> live = Map.of(
                "spec",
                Map.of("ports", List.of(Map.of("port", 80, "protocol", "TCP")), "policyTypes", List.of("Ingress")));

        assertThat(ObjectDiffs.expectedFields(applied, live).isEmpty()).isTrue();
    }

    @Test
    void anAddedListElementIsDrift() {
        Map<String, Object> applied = Map.of("spec", Map.of("ingress", List.of(Map.of("action", "Deny"))));
        Map<String, Object> live =
                Map.of("spec", Map.of("ingress", List.of(Map.of("action", "Allow"), Map.of("action", "Deny"))));

        assertThat(ObjectDiffs.expectedFields(applied, live).changes())
                .extracting(FieldChange::path)
                .containsExactly("spec.ingress");
    }

    @Test
    void numbersCompareByValue() {
        assertThat(ObjectDiffs.full(Map.of("order", 100), Map.of("order", 100.0))
                        .isEmpty())
                .isTrue();
    }
}
