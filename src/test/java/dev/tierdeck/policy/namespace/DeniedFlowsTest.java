package dev.tierdeck.policy.namespace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tierdeck.flow.FlowAction;
import dev.tierdeck.flow.PolicyHit;
import dev.tierdeck.flow.PolicyHitKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeniedFlowsTest {

    @Test
    void namesTheTierPolicyAndRuleOfTheLastDeny() {
        List<PolicyHit> trace = List.of(
                new PolicyHit(
                        PolicyHitKind.GlobalNetworkPolicy, null, "allow-dns", "platform", FlowAction.Pass, 0, 1, null),
                new PolicyHit(
                        PolicyHitKind.CalicoNetworkPolicy,
                        "payments",
                        "default-deny",
                        "default",
                        FlowAction.Deny,
                        0,
                        0,
                        null));

        assertThat(DeniedFlows.deniedBy(trace)).isEqualTo("tier default, policy payments/default-deny, rule 0");
    }

    @Test
    void namesTheEndOfATier() {
        List<PolicyHit> trace = List.of(
                new PolicyHit(PolicyHitKind.EndOfTier, null, "security", "security", FlowAction.Deny, 0, -1, null));

        assertThat(DeniedFlows.deniedBy(trace)).isEqualTo("end of tier security (no rule matched)");
    }

    @Test
    void saysSoWhenTheTraceNamesNoDeny() {
        assertThat(DeniedFlows.deniedBy(List.of())).isEqualTo("no policy named");
    }
}
