package dev.tierdeck.policy.namespace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tierdeck.flow.FlowAction;
import dev.tierdeck.flow.PolicyHit;
import dev.tierdeck.flow.PolicyHitKind;
import dev.tierdeck.tenancy.PolicyDisclosure;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class DeniedFlowsTest {

    /** A reader who may read every policy. */
    static final PolicyDisclosure EVERYTHING = new PolicyDisclosure() {
        @Override
        public boolean shows(@Nullable String namespace, String tier) {
            return true;
        }

        @Override
        public String owner(@Nullable String namespace, String tier) {
            return "nobody";
        }
    };

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

        assertThat(DeniedFlows.deniedBy(trace, EVERYTHING))
                .isEqualTo("tier default, policy payments/default-deny, rule 0");
    }

    @Test
    void namesTheEndOfATier() {
        List<PolicyHit> trace = List.of(
                new PolicyHit(PolicyHitKind.EndOfTier, null, "security", "security", FlowAction.Deny, 0, -1, null));

        assertThat(DeniedFlows.deniedBy(trace, EVERYTHING)).isEqualTo("end of tier security (no rule matched)");
    }

    @Test
    void saysSoWhenTheTraceNamesNoDeny() {
        assertThat(DeniedFlows.deniedBy(List.of(), EVERYTHING)).isEqualTo("no policy named");
    }
}
