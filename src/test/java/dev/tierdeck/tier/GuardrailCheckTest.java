package dev.tierdeck.tier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tierdeck.engine.manifest.ManifestReader;
import dev.tierdeck.engine.manifest.Manifests;
import dev.tierdeck.engine.model.CalicoPolicy;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One table per guardrail: a policy's spec (YAML, in namespace payments of team payments), the rules changed from
 * the defaults, and the violations expected as {@code guardrail@field:severity}.
 */
class GuardrailCheckTest {

    private static final Map<String, Map<String, String>> NAMESPACES = Map.of(
            "payments", Map.of("team", "payments"),
            "checkout", Map.of("team", "payments"),
            "catalog", Map.of("team", "catalog"),
            "kube-system", Map.of());

    static Stream<Arguments> egressCidrs() {
        UnaryOperator<GuardrailRules> allowList =
                r -> with(r, new GuardrailRules.EgressCidrs(true, Severity.BLOCK, List.of("10.0.0.0/8", "fd00::/8")));
        return Stream.of(
                row(
                        "a private CIDR passes by default",
                        "egress: [{action: Allow, destination: {nets: [10.1.0.0/16]}}]",
                        none()),
                row(
                        "0.0.0.0/0 is refused by default, and reaches every namespace's pods too",
                        "egress: [{action: Allow, destination: {nets: [10.1.0.0/16, 0.0.0.0/0]}}]",
                        none(),
                        "egress-cidrs@spec.egress:block",
                        "peer-namespaces@spec.egress:require-approval"),
                row(
                        "::/0 is refused by default",
                        "egress: [{action: Allow, destination: {nets: ['::/0']}}]",
                        none(),
                        "egress-cidrs@spec.egress:block",
                        "peer-namespaces@spec.egress:require-approval"),
                row(
                        "an Allow without a destination reaches everywhere",
                        "egress: [{action: Allow, protocol: TCP, destination: {ports: [443]}}]",
                        none(),
                        "egress-cidrs@spec.egress:block",
                        "peer-namespaces@spec.egress:require-approval"),
                row(
                        "notNets alone still reach the internet",
                        "egress: [{action: Allow, destination: {notNets: [10.0.0.0/8]}}]",
                        none(),
                        "egress-cidrs@spec.egress:block"),
                row(
                        "Deny to 0.0.0.0/0 only narrows",
                        "egress: [{action: Deny, destination: {nets: [0.0.0.0/0]}}]",
                        none()),
                row(
                        "a selector destination is not a CIDR question",
                        "egress: [{action: Allow, destination: {selector: app == 'db'}}]",
                        none()),
                row(
                        "inside the allowed list",
                        "egress: [{action: Allow, destination: {nets: [10.20.0.0/16]}},"
                                + " {action: Allow, destination: {nets: ['fd00:1::/64']}}]",
                        allowList),
                row(
                        "outside the allowed list, IPv4 and IPv6",
                        "egress: [{action: Allow, destination: {nets: [192.168.1.0/24]}}, {action: Allow, destination: {nets: ['2001:db8::/32']}}]",
                        allowList,
                        "egress-cidrs@spec.egress:block"),
                row(
                        "wider than the allowed block",
                        "egress: [{action: Allow, destination: {nets: [8.0.0.0/6]}}]",
                        allowList,
                        "egress-cidrs@spec.egress:block"),
                row(
                        "switched off",
                        "egress: [{action: Allow, destination: {nets: [0.0.0.0/0]}}]",
                        r -> with(r, new GuardrailRules.EgressCidrs(false, Severity.BLOCK, List.of())),
                        "peer-namespaces@spec.egress:require-approval"));
    }

    static Stream<Arguments> ingressFromAllNamespaces() {
        return Stream.of(
                row(
                        "namespaceSelector all() is refused",
                        "ingress: [{action: Allow, source: {namespaceSelector: all()}}]",
                        none(),
                        "ingress-all-namespaces@spec.ingress:block",
                        "peer-namespaces@spec.ingress:require-approval"),
                row(
                        "an Allow without a source is open ingress",
                        "ingress: [{action: Allow, protocol: TCP, destination: {ports: [8080]}}]",
                        none(),
                        "ingress-all-namespaces@spec.ingress:block",
                        "peer-namespaces@spec.ingress:require-approval"),
                row(
                        "a pod selector stays in the namespace",
                        "ingress: [{action: Allow, source: {selector: app == 'web'}}]",
                        none()),
                row("a Deny from everywhere is fine", "ingress: [{action: Deny}]", none()),
                row(
                        "with severity require-approval",
                        "ingress: [{action: Allow}]",
                        r -> withIngress(r, new GuardrailRules.Simple(true, Severity.REQUIRE_APPROVAL)),
                        "ingress-all-namespaces@spec.ingress:require-approval",
                        "peer-namespaces@spec.ingress:require-approval"));
    }

    static Stream<Arguments> peerNamespaces() {
        return Stream.of(
                row(
                        "the team's other namespace",
                        "ingress: [{action: Allow, source: {namespaceSelector: team == 'payments', selector: all()}}]",
                        none()),
                row(
                        "another team's namespace needs approval",
                        "egress: [{action: Allow, destination: {namespaceSelector: team == 'catalog'}}]",
                        none(),
                        "peer-namespaces@spec.egress:require-approval"),
                row(
                        "a selector by name outside the team",
                        "ingress: [{action: Allow, source: {namespaceSelector: projectcalico.org/name == 'kube-system'}}]",
                        none(),
                        "peer-namespaces@spec.ingress:require-approval"),
                row(
                        "global() reaches the global network sets, and this cluster has none",
                        "egress: [{action: Allow, destination: {namespaceSelector: global(), selector: all()}}]",
                        none()),
                row(
                        "a service in another namespace",
                        "egress: [{action: Allow, destination: {services: {name: web, namespace: catalog}}}]",
                        none(),
                        "peer-namespaces@spec.egress:require-approval"),
                row(
                        "blocking instead of approval",
                        "egress: [{action: Allow, destination: {namespaceSelector: team == 'catalog'}}]",
                        r -> withPeers(r, new GuardrailRules.Simple(true, Severity.BLOCK)),
                        "peer-namespaces@spec.egress:block"));
    }

    static Stream<Arguments> protocolsAndPorts() {
        UnaryOperator<GuardrailRules> webOnly = r -> withPorts(
                r,
                new GuardrailRules.ProtocolsAndPorts(
                        true, Severity.BLOCK, List.of("TCP"), List.of("80", "443", "8000:8999")));
        return Stream.of(
                row(
                        "every protocol and port passes by default",
                        "ingress: [{action: Allow, source: {selector: all()}}]",
                        none()),
                row(
                        "SCTP is not in the list",
                        "ingress: [{action: Allow, protocol: SCTP, source: {selector: all()}}]",
                        webOnly,
                        "protocols-ports@spec.ingress:block"),
                row(
                        "protocol numbers count as their names",
                        "ingress: [{action: Allow, protocol: 6, source: {selector: all()}, destination: {ports: [443]}}]",
                        webOnly),
                row(
                        "a TCP rule without ports allows every port",
                        "ingress: [{action: Allow, protocol: TCP, source: {selector: all()}}]",
                        webOnly,
                        "protocols-ports@spec.ingress:block"),
                row(
                        "a rule without a protocol allows every protocol",
                        "ingress: [{action: Allow, source: {selector: all()}}]",
                        webOnly,
                        "protocols-ports@spec.ingress:block"),
                row(
                        "ports and ranges inside the list",
                        "ingress: [{action: Allow, protocol: TCP, source: {selector: all()}, destination: {ports: [443, '8080:8090', http]}}]",
                        webOnly),
                row(
                        "a port outside the list and a range crossing it",
                        "ingress: [{action: Allow, protocol: TCP, source: {selector: all()}, destination: {ports: [22, '8990:9010']}}]",
                        webOnly,
                        "protocols-ports@spec.ingress:block"),
                row(
                        "UDP outside the list",
                        "egress: [{action: Allow, protocol: UDP, destination: {selector: all(), ports: [53]}}]",
                        webOnly,
                        "protocols-ports@spec.egress:block"));
    }

    static Stream<Arguments> requiredLabels() {
        UnaryOperator<GuardrailRules> owner = r -> withLabels(
                r, new GuardrailRules.RequiredLabels(true, Severity.BLOCK, List.of("owner", "example.com/ticket")));
        return Stream.of(
                row("nothing required by default", "ingress: [{action: Deny}]", none()),
                row(
                        "each missing label is named",
                        "ingress: [{action: Deny}]",
                        owner,
                        "required-labels@metadata.labels.owner:block",
                        "required-labels@metadata.labels.example.com/ticket:block"));
    }

    static Stream<Arguments> maxRules() {
        UnaryOperator<GuardrailRules> two = r -> withMax(r, new GuardrailRules.MaxRules(true, Severity.BLOCK, 2));
        return Stream.of(
                row("at the maximum", "ingress: [{action: Deny}]\negress: [{action: Deny}]", two),
                row(
                        "one over the maximum",
                        "ingress: [{action: Deny}, {action: Deny}]\negress: [{action: Deny}]",
                        two,
                        "max-rules@spec:block"));
    }

    static Stream<Arguments> passAndLog() {
        UnaryOperator<GuardrailRules> logHere = r -> withPassLog(
                r, new GuardrailRules.PassAndLog(true, Severity.REQUIRE_APPROVAL, List.of(), List.of("payments")));
        UnaryOperator<GuardrailRules> everywhere =
                r -> withPassLog(r, new GuardrailRules.PassAndLog(true, Severity.BLOCK, List.of("*"), List.of("*")));
        return Stream.of(
                row(
                        "Pass is refused by default",
                        "ingress: [{action: Pass}]",
                        none(),
                        "pass-log@spec.ingress[0].action:block"),
                row(
                        "Log is refused by default",
                        "egress: [{action: Log}, {action: Deny}]",
                        none(),
                        "pass-log@spec.egress[0].action:block"),
                row(
                        "Log allowed in this namespace, Pass still not",
                        "ingress: [{action: Log}, {action: Pass}]",
                        logHere,
                        "pass-log@spec.ingress[1].action:require-approval"),
                row("* allows both everywhere", "ingress: [{action: Log}, {action: Pass}]", everywhere));
    }

    @ParameterizedTest(name = "egress-cidrs: {0}")
    @MethodSource("egressCidrs")
    void egressCidrsMustBeInsideTheAllowedList(
            String name, String spec, UnaryOperator<GuardrailRules> rules, List<String> expected) {
        assertThat(violations(spec, rules)).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest(name = "ingress-all-namespaces: {0}")
    @MethodSource("ingressFromAllNamespaces")
    void noIngressFromAllNamespaces(
            String name, String spec, UnaryOperator<GuardrailRules> rules, List<String> expected) {
        assertThat(violations(spec, rules)).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest(name = "peer-namespaces: {0}")
    @MethodSource("peerNamespaces")
    void peersStayInTheTeamsNamespacesUnlessApproved(
            String name, String spec, UnaryOperator<GuardrailRules> rules, List<String> expected) {
        assertThat(violations(spec, rules)).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest(name = "protocols-ports: {0}")
    @MethodSource("protocolsAndPorts")
    void onlyAllowedProtocolsAndPorts(
            String name, String spec, UnaryOperator<GuardrailRules> rules, List<String> expected) {
        assertThat(violations(spec, rules)).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest(name = "required-labels: {0}")
    @MethodSource("requiredLabels")
    void requiredLabelsArePresent(
            String name, String spec, UnaryOperator<GuardrailRules> rules, List<String> expected) {
        assertThat(violations(spec, rules)).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest(name = "max-rules: {0}")
    @MethodSource("maxRules")
    void noMoreRulesThanTheMaximum(
            String name, String spec, UnaryOperator<GuardrailRules> rules, List<String> expected) {
        assertThat(violations(spec, rules)).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest(name = "pass-log: {0}")
    @MethodSource("passAndLog")
    void passAndLogOnlyWhereAllowed(
            String name, String spec, UnaryOperator<GuardrailRules> rules, List<String> expected) {
        assertThat(violations(spec, rules)).containsExactlyElementsOf(expected);
    }

    @org.junit.jupiter.api.Test
    void aNamespaceSelectorThatDoesNotParseCannotPassUnchecked() {
        // The form editor checks drafts before they are valid, so the check must cope with broken selectors.
        CalicoPolicy valid = policy("egress: [{action: Allow, destination: {namespaceSelector: team == 'payments'}}]");
        dev.tierdeck.engine.model.Rule rule = valid.egress().getFirst();
        dev.tierdeck.engine.model.EntityRule broken = new dev.tierdeck.engine.model.EntityRule(
                List.of(), List.of(), null, null, "team == ", List.of(), List.of(), null, null);
        CalicoPolicy draft = new CalicoPolicy(
                valid.kind(),
                valid.namespace(),
                valid.name(),
                valid.tier(),
                valid.order(),
                valid.selector(),
                null,
                null,
                null,
                List.of(),
                List.of(new dev.tierdeck.engine.model.Rule(
                        rule.action(), null, null, null, null, null, rule.source(), broken, null)),
                null,
                false,
                false,
                false);
        List<Violation> found = GuardrailCheck.check(
                draft, new GuardrailContext(GuardrailRules.DEFAULTS, Set.of("payments"), NAMESPACES, Map.of()));
        assertThat(found).singleElement().satisfies(v -> {
            assertThat(v.guardrail()).isEqualTo("peer-namespaces");
            assertThat(v.field()).isEqualTo("spec.egress[0].destination.namespaceSelector");
            assertThat(v.message()).contains("at 8");
            assertThat(v.message()).contains("does not parse");
        });
    }

    @org.junit.jupiter.api.Test
    void everyViolationSaysHowToFixIt() {
        List<Violation> found = GuardrailCheck.check(
                policy(
                        "ingress: [{action: Pass}, {action: Allow}]\negress: [{action: Allow, destination: {nets: [0.0.0.0/0]}}]"),
                new GuardrailContext(GuardrailRules.DEFAULTS, Set.of("payments"), NAMESPACES, Map.of()));
        assertThat(found).hasSize(3).allSatisfy(v -> {
            assertThat(v.message()).isNotBlank();
            assertThat(v.fix()).isNotBlank();
        });
        assertThat(GuardrailCheck.blocks(found)).isTrue();
    }

    private static List<String> violations(String spec, UnaryOperator<GuardrailRules> rules) {
        GuardrailContext context = new GuardrailContext(
                rules.apply(GuardrailRules.DEFAULTS),
                Set.of("payments", "checkout"),
                NAMESPACES,
                Map.of("team", "payments"));
        return GuardrailCheck.check(policy(spec), context).stream()
                .map(v -> v.guardrail() + "@" + v.field() + ":" + v.severity().id())
                .toList();
    }

    static CalicoPolicy policy(String spec) {
        String yaml = """
                apiVersion: projectcalico.org/v3
                kind: NetworkPolicy
                metadata: {name: under-test, namespace: payments}
                spec:
                  selector: app == 'api'
                """ + spec.lines().map(line -> "  " + line + "\n").reduce("", String::concat);
        Manifests manifests = ManifestReader.read("case", yaml);
        assertThat(manifests.errors()).as("test policy must be valid").isEmpty();
        return (CalicoPolicy) manifests.objects().getFirst();
    }

    private static Arguments row(String name, String spec, UnaryOperator<GuardrailRules> rules, String... expected) {
        return Arguments.of(name, spec, rules, List.of(expected));
    }

    private static UnaryOperator<GuardrailRules> none() {
        return UnaryOperator.identity();
    }

    private static GuardrailRules with(GuardrailRules r, GuardrailRules.EgressCidrs e) {
        return new GuardrailRules(
                e,
                r.ingressFromAllNamespaces(),
                r.peerNamespaces(),
                r.protocolsAndPorts(),
                r.requiredLabels(),
                r.maxRules(),
                r.passAndLog());
    }

    private static GuardrailRules withIngress(GuardrailRules r, GuardrailRules.Simple i) {
        return new GuardrailRules(
                r.egressCidrs(),
                i,
                r.peerNamespaces(),
                r.protocolsAndPorts(),
                r.requiredLabels(),
                r.maxRules(),
                r.passAndLog());
    }

    private static GuardrailRules withPeers(GuardrailRules r, GuardrailRules.Simple p) {
        return new GuardrailRules(
                r.egressCidrs(),
                r.ingressFromAllNamespaces(),
                p,
                r.protocolsAndPorts(),
                r.requiredLabels(),
                r.maxRules(),
                r.passAndLog());
    }

    private static GuardrailRules withPorts(GuardrailRules r, GuardrailRules.ProtocolsAndPorts p) {
        return new GuardrailRules(
                r.egressCidrs(),
                r.ingressFromAllNamespaces(),
                r.peerNamespaces(),
                p,
                r.requiredLabels(),
                r.maxRules(),
                r.passAndLog());
    }

    private static GuardrailRules withLabels(GuardrailRules r, GuardrailRules.RequiredLabels l) {
        return new GuardrailRules(
                r.egressCidrs(),
                r.ingressFromAllNamespaces(),
                r.peerNamespaces(),
                r.protocolsAndPorts(),
                l,
                r.maxRules(),
                r.passAndLog());
    }

    private static GuardrailRules withMax(GuardrailRules r, GuardrailRules.MaxRules m) {
        return new GuardrailRules(
                r.egressCidrs(),
                r.ingressFromAllNamespaces(),
                r.peerNamespaces(),
                r.protocolsAndPorts(),
                r.requiredLabels(),
                m,
                r.passAndLog());
    }

    private static GuardrailRules withPassLog(GuardrailRules r, GuardrailRules.PassAndLog p) {
        return new GuardrailRules(
                r.egressCidrs(),
                r.ingressFromAllNamespaces(),
                r.peerNamespaces(),
                r.protocolsAndPorts(),
                r.requiredLabels(),
                r.maxRules(),
                p);
    }
}
