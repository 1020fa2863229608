package dev.tierdeck.preview;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tierdeck.engine.eval.DirectionVerdict;
import dev.tierdeck.engine.eval.Flow;
import dev.tierdeck.engine.eval.FlowEndpoint;
import dev.tierdeck.engine.eval.PolicyHit;
import dev.tierdeck.engine.eval.Trace;
import dev.tierdeck.engine.eval.Verdict;
import dev.tierdeck.engine.model.Protocol;
import dev.tierdeck.engine.model.RuleAction;
import dev.tierdeck.tenancy.FixedTeams;
import java.util.List;
import org.junit.jupiter.api.Test;

class TraceWordsTest {

    final TraceWords words = new TraceWords(new PreviewFixture.Governance(), PreviewFixture.ADMIN);

    final Flow flow = Flow.of(
            "f",
            new FlowEndpoint.PodRef("checkout", "web-0"),
            new FlowEndpoint.Address("169.254.169.254"),
            Protocol.TCP,
            80);

    @Test
    void aPassIsFollowedByTheStepThatDecides() {
        DirectionVerdict egress = new DirectionVerdict(
                Verdict.Allow,
                List.of(
                        new PolicyHit("security", "GlobalNetworkPolicy", null, "hand-over", 0, RuleAction.Pass),
                        new PolicyHit(
                                "default", "KubernetesNetworkPolicy", "checkout", "allow-out", 1, RuleAction.Allow)));

        assertThat(words.trace(flow, new Trace(egress, null)))
                .isEqualTo("allowed — Egress from checkout/web-0: passed on by tier security, policy hand-over, egress"
                        + " rule 1 — owned by tierdeck-security-admins (Organisation-wide security rules); then allowed"
                        + " by tier default, policy checkout/allow-out (a Kubernetes NetworkPolicy), egress rule 2");
    }

    @Test
    void aDeniedFlowIsExplainedByTheDirectionThatDeniesIt() {
        DirectionVerdict egress = new DirectionVerdict(
                Verdict.Deny,
                List.of(new PolicyHit("security", "GlobalNetworkPolicy", null, "block-metadata", 1, RuleAction.Deny)));

        assertThat(words.trace(flow, new Trace(egress, null)))
                .isEqualTo("denied — Egress from checkout/web-0: denied by tier security, policy block-metadata,"
                        + " egress rule 2 — owned by tierdeck-security-admins (Organisation-wide security rules)");
    }

    @Test
    void aChangeTellsEachTiersOwnersAndPurposeOnce() {
        DirectionVerdict passed = new DirectionVerdict(
                Verdict.Allow,
                List.of(
                        new PolicyHit("security", "GlobalNetworkPolicy", null, "hand-over", 0, RuleAction.Pass),
                        new PolicyHit(
                                "default", "KubernetesNetworkPolicy", "checkout", "allow-out", 1, RuleAction.Allow)));
        DirectionVerdict denied = new DirectionVerdict(
                Verdict.Deny,
                List.of(new PolicyHit("security", "GlobalNetworkPolicy", null, "block-metadata", 1, RuleAction.Deny)));

        String text = words.change(flow, new Trace(passed, null), new Trace(denied, null));
        assertThat(text)
                .startsWith("Before: allowed — Egress from checkout/web-0: passed on by tier security")
                .contains("After: denied — Egress from checkout/web-0: denied by tier security, policy"
                        + " block-metadata, egress rule 2.");
        assertThat(text.split("Organisation-wide security rules", -1)).hasSize(2);
    }

    @Test
    void aFlowBetweenAddressesHasNoPolicy() {
        assertThat(words.trace(flow, new Trace(null, null)))
                .isEqualTo("allowed: neither end is a pod of the cluster, so no policy applies");
    }

    @Test
    void aPolicyTheReaderMayNotReadIsNamedByItsTierAndOwnerWithoutItsRule() {
        TraceWords catalog = new TraceWords(
                new PreviewFixture.Governance(),
                FixedTeams.permissions(PreviewFixture.TEAMS, new PreviewFixture.Governance())
                        .disclosureTo(new dev.tierdeck.identity.CurrentUser(
                                "http://issuer",
                                "bob",
                                "bob",
                                "Bob",
                                java.util.Set.of(dev.tierdeck.identity.Role.DEVELOPER),
                                java.util.Set.of("team-catalog"))));
        DirectionVerdict egress = new DirectionVerdict(
                Verdict.Allow,
                List.of(
                        new PolicyHit("security", "GlobalNetworkPolicy", null, "hand-over", 0, RuleAction.Pass),
                        new PolicyHit(
                                "default", "KubernetesNetworkPolicy", "checkout", "allow-out", 1, RuleAction.Allow)));

        assertThat(catalog.trace(flow, new Trace(egress, null)))
                .isEqualTo("allowed — Egress from checkout/web-0: passed on by tier security, policy hand-over, egress"
                        + " rule 1 — owned by tierdeck-security-admins (Organisation-wide security rules); then allowed"
                        + " by tier default, a policy of team payments (a Kubernetes NetworkPolicy)");
        PolicyHit endOfTier =
                new PolicyHit("default", PolicyHit.END_OF_TIER, "checkout", "allow-out", -1, RuleAction.Deny);
        assertThat(catalog.hit("ingress", endOfTier))
                .isEqualTo("denied at the end of tier default: a policy of team payments applies to the pod but none"
                        + " of its ingress rules matched, and the tier's default action is Deny");
        assertThat(catalog.shows(endOfTier)).isFalse();
        assertThat(catalog.policy(endOfTier)).isEqualTo("a policy of team payments");
    }
}
