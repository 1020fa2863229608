package dev.tierdeck.policy.editor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tierdeck.policy.PolicyProblem;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MessagesTest {

    @ParameterizedTest(name = "{0} is shown at \"{1}\"")
    @CsvSource({
        "metadata.name, name",
        "spec.tier, tier",
        "spec.order, order",
        "spec.selector, selector",
        "spec.namespaceSelector, namespaceSelector",
        "spec.types[1], types",
        "spec.ingress[1].action, ingress[1].action",
        "spec.egress[0].protocol, egress[0].protocol",
        "spec.ingress[1].source.nets[0], ingress[1].peer",
        "spec.ingress[2].source.serviceAccounts.selector, ingress[2].peer",
        "spec.ingress[0].destination.ports[3], ingress[0].ports",
        "spec.ingress[0].destination.notPorts[0], ingress[0]",
        "spec.egress[3].destination.nets[0], egress[3].peer",
        "spec.egress[3].destination.ports[0], egress[3].ports",
        "spec.egress[3].source.selector, egress[3]",
        "spec.egress[3], egress[3]",
        "spec.ingress, ingress",
        "spec.egress, egress",
        "spec.ingress.x, ''",
        "spec, ''",
        "kind, ''",
        "metadata.namespace, ''"
    })
    void aManifestPathIsShownAtItsFormInput(String path, String slot) {
        assertThat(Messages.slotOf(path)).isEqualTo(slot);
    }

    @ParameterizedTest(name = "{0} has the element id {1}")
    @CsvSource({"'', msg-top", "name, msg-name", "ingress[1].peer, msg-ingress-1-peer", "egress[0], msg-egress-0"})
    void slotsHaveStableElementIds(String slot, String id) {
        assertThat(Messages.id(slot)).isEqualTo(id);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "true|Guardrail max-rules: Too many rules. Fix: remove one.",
                "false|Guardrail max-rules: Too many rules. Fix: remove one. (Saving is allowed; an approver must accept"
                        + " the change.)"
            })
    void aGuardrailMessageKeepsItsFixAndSaysWhenItOnlyNeedsAnApprover(boolean blocking, String shown) {
        PolicyProblem problem = new PolicyProblem(
                "spec.ingress", "Guardrail max-rules: Too many rules. Fix: remove one.", "max-rules", blocking);
        assertThat(Messages.describe(problem)).isEqualTo(shown);
    }
}
