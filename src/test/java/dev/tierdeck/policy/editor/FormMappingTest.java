package dev.tierdeck.policy.editor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tierdeck.engine.model.CalicoPolicy;
import dev.tierdeck.engine.model.PolicyKind;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FormMappingTest {

    private static final String NP = "apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\n"
            + "metadata:\n  name: p\n  namespace: payments\nspec:\n";
    private static final String GNP =
            "apiVersion: projectcalico.org/v3\nkind: GlobalNetworkPolicy\nmetadata:\n  name: g\nspec:\n";

    static Stream<Arguments> exactPolicies() {
        return Stream.of(
                Arguments.of("the smallest policy", NP + "  tier: default\n"),
                Arguments.of(
                        "default deny both ways",
                        NP + "  tier: default\n  selector: all()\n  types: [Ingress, Egress]\n"),
                Arguments.of(
                        "rows of every operator",
                        NP + "  tier: default\n  order: 250.5\n  selector: app == \"api\" && env != \"dev\""
                                + " && has(team) && !has(legacy) && tier in {\"a\", \"b\"} && zone not in {\"x\"}\n"),
                Arguments.of("a selector the rows cannot show", NP + "  selector: app == 'api' || app == 'web'\n"),
                Arguments.of("a selector written unlike its canonical form", NP + "  selector: app=='api'\n"),
                Arguments.of(
                        "pods in this namespace with ports and ranges",
                        NP + "  ingress:\n  - action: Allow\n    protocol: TCP\n    source:\n"
                                + "      selector: app == \"web\"\n    destination:\n"
                                + "      ports: [80, 443, \"8000:8080\", http]\n"),
                Arguments.of(
                        "all pods of this namespace",
                        NP + "  ingress:\n  - action: Allow\n    source:\n      selector: all()\n"),
                Arguments.of(
                        "pods of other namespaces by name",
                        NP + "  ingress:\n  - action: Allow\n    source:\n      selector: app == \"nginx\"\n"
                                + "      namespaceSelector: projectcalico.org/name == \"ingress-nginx\"\n"),
                Arguments.of(
                        "whole namespaces by several names",
                        NP + "  egress:\n  - action: Allow\n    destination:\n"
                                + "      namespaceSelector: projectcalico.org/name in {\"db\", \"cache\"}\n"),
                Arguments.of(
                        "whole namespaces by labels",
                        NP + "  egress:\n  - action: Deny\n    destination:\n"
                                + "      namespaceSelector: env == \"prod\"\n"),
                Arguments.of(
                        "all namespaces",
                        NP + "  ingress:\n  - action: Pass\n    source:\n      namespaceSelector: all()\n"),
                Arguments.of(
                        "DNS egress to kube-dns over UDP",
                        NP + "  egress:\n  - action: Allow\n    protocol: UDP\n    destination:\n"
                                + "      selector: k8s-app == \"kube-dns\"\n"
                                + "      namespaceSelector: projectcalico.org/name == \"kube-system\"\n"
                                + "      ports: [53]\n"),
                Arguments.of(
                        "service accounts by names and selector",
                        NP + "  ingress:\n  - action: Allow\n    source:\n      serviceAccounts:\n"
                                + "        names: [api, worker]\n        selector: role == \"batch\"\n"),
                Arguments.of(
                        "service accounts by a selector the rows cannot show",
                        NP + "  ingress:\n  - action: Allow\n    source:\n      serviceAccounts:\n"
                                + "        selector: role == 'a' || role == 'b'\n"),
                Arguments.of(
                        "global network sets",
                        NP + "  egress:\n  - action: Allow\n    destination:\n      selector: feed == \"threats\"\n"
                                + "      namespaceSelector: global()\n"),
                Arguments.of(
                        "CIDRs with exceptions",
                        NP + "  egress:\n  - action: Deny\n    protocol: TCP\n    destination:\n"
                                + "      nets: [10.0.0.0/8, 192.168.0.0/16]\n      notNets: [10.1.0.0/16]\n"
                                + "      ports: [5432]\n"),
                Arguments.of(
                        "ICMP without types and a Log rule",
                        NP + "  ingress:\n  - action: Log\n  - action: Allow\n    protocol: ICMP\n"),
                Arguments.of(
                        "a global policy with a namespace selector",
                        GNP + "  tier: security\n  order: 10\n  selector: has(app)\n"
                                + "  namespaceSelector: team == \"payments\"\n  types: [Egress]\n"
                                + "  egress:\n  - action: Deny\n    destination:\n      nets: [169.254.169.254/32]\n"),
                Arguments.of("a global policy with an empty namespace selector", GNP + "  namespaceSelector: \"\"\n"),
                Arguments.of(
                        "the policy's own labels",
                        NP.replace(
                                        "  namespace: payments\n",
                                        "  namespace: payments\n  labels: {owner: payments, tier: web}\n")
                                + "  tier: default\n"),
                Arguments.of(
                        "an empty selector text in a peer",
                        NP + "  ingress:\n  - action: Allow\n" + "    source:\n      selector: \"\"\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exactPolicies")
    void aPolicyTheFormCanShowComesBackFromTheFormUnchanged(String description, String yaml) {
        CalicoPolicy policy = parse(yaml);
        FormReader.Read read = FormReader.read(policy);
        assertThat(read.reasons()).isEmpty();

        FormWriter.Written written = FormWriter.write(read.form(), policy.kind(), policy.namespace());
        assertThat(written.errors()).isEmpty();
        PolicyYaml.Decoded back = PolicyYaml.decode(written.manifest(), policy.kind(), policy.namespace());
        assertThat(back.problems()).isEmpty();
        assertThat(back.policy()).isEqualTo(policy);
        assertThat(PolicyYaml.toYaml(back.policy())).isEqualTo(PolicyYaml.toYaml(policy));

        // and the canonical YAML read again fills the same form
        FormReader.Read again = FormReader.read(parse(PolicyYaml.toYaml(policy)));
        assertThat(again.form()).usingRecursiveComparison().isEqualTo(read.form());
    }

    static Stream<Arguments> policiesOnlyYamlCanShow() {
        return Stream.of(
                Arguments.of(
                        NP + "  ingress:\n  - action: Allow\n    source:\n      notSelector: app == \"x\"\n",
                        "The ingress rule 1 excludes peers with notSelector."),
                Arguments.of(
                        NP + "  ingress:\n  - action: Allow\n    protocol: TCP\n    http:\n      methods: [GET]\n",
                        "The ingress rule 1 matches HTTP methods or paths (http)."),
                Arguments.of(
                        NP + "  egress:\n  - action: Allow\n    protocol: ICMP\n    icmp:\n      type: 8\n",
                        "The egress rule 1 matches ICMP types or codes (icmp, notICMP)."),
                Arguments.of(
                        NP + "  ingress:\n  - action: Allow\n    source:\n      selector: app == \"a\"\n"
                                + "      serviceAccounts:\n        names: [x]\n",
                        "The ingress rule 1 combines service accounts with other peer fields."),
                Arguments.of(
                        NP + "  ingress:\n  - action: Allow\n    protocol: TCP\n    source:\n      ports: [1024]\n",
                        "The ingress rule 1 sets source ports."),
                Arguments.of(
                        NP + "  egress:\n  - action: Allow\n    protocol: UDPLite\n",
                        "The egress rule 1 uses protocol UDPLite, which the form does not offer."),
                Arguments.of(
                        NP + "  egress:\n  - action: Allow\n    destination:\n      nets: [10.0.0.0/8]\n"
                                + "      selector: app == \"x\"\n",
                        "The egress rule 1 combines CIDRs with selectors."),
                Arguments.of(
                        NP + "  serviceAccountSelector: role == \"x\"\n",
                        "It selects its pods by service account (spec.serviceAccountSelector)."),
                Arguments.of(
                        GNP + "  applyOnForward: true\n",
                        "It sets doNotTrack, preDNAT or applyOnForward (host endpoint options)."));
    }

    @ParameterizedTest
    @MethodSource("policiesOnlyYamlCanShow")
    void aPolicyTheFormCannotShowSaysWhy(String yaml, String reason) {
        assertThat(FormReader.read(parse(yaml)).reasons()).contains(reason);
    }

    @Test
    void everyTemplateIsAValidPolicyTheFormShowsExactly() {
        for (PolicyTemplates.Template template : PolicyTemplates.ALL) {
            PolicyForm form = PolicyTemplates.form(template, "default");
            FormWriter.Written written = FormWriter.write(form, PolicyKind.NetworkPolicy, "payments");
            assertThat(written.errors()).as(template.id()).isEmpty();
            PolicyYaml.Decoded decoded = PolicyYaml.decode(written.manifest(), PolicyKind.NetworkPolicy, "payments");
            assertThat(decoded.problems()).as(template.id()).isEmpty();
            assertThat(decoded.policy().name()).isEqualTo(template.id());
            assertThat(FormReader.read(decoded.policy()).reasons())
                    .as(template.id())
                    .isEmpty();
        }
        CalicoPolicy dns = PolicyYaml.decode(
                        FormWriter.write(
                                        PolicyTemplates.form(
                                                PolicyTemplates.find("allow-dns")
                                                        .orElseThrow(),
                                                "default"),
                                        PolicyKind.NetworkPolicy,
                                        "payments")
                                .manifest(),
                        PolicyKind.NetworkPolicy,
                        "payments")
                .policy();
        assertThat(dns.egress()).hasSize(2).allSatisfy(rule -> {
            assertThat(rule.destination().selector()).isEqualTo("k8s-app == \"kube-dns\"");
            assertThat(rule.destination().namespaceSelector()).isEqualTo("projectcalico.org/name == \"kube-system\"");
            assertThat(rule.destination().ports()).containsExactly(dev.tierdeck.engine.model.Port.Range.of(53));
        });
        assertThat(dns.egress()).extracting(rule -> rule.protocol().name()).containsExactly("UDP", "TCP");
    }

    @Test
    void theFormNamesWhatItCannotWriteByField() {
        PolicyForm form = new PolicyForm();
        form.setName("p");
        form.setOrder("first");
        form.setLabels("owner=payments, stray");
        RuleForm rule = RuleForm.of("Allow");
        rule.getPeer().setKind(PeerForm.PODS);
        rule.getPeer().getPods().getRows().add(new SelectorForm.Row("bad key", "==", "x"));
        form.getIngress().add(rule);
        RuleForm cidrs = RuleForm.of("Deny");
        cidrs.getPeer().setKind(PeerForm.CIDRS);
        form.getEgress().add(cidrs);

        FormWriter.Written written = FormWriter.write(form, PolicyKind.NetworkPolicy, "payments");

        assertThat(written.errors())
                .containsEntry("order", "The order must be a number, e.g. 100 or 250.5, not 'first'.")
                .containsEntry("labels", "Write each label as key=value, separated by commas; 'stray' is not.")
                .containsEntry(
                        "ingress[0].peer.pods",
                        "Row 1: a label may only contain letters, digits, '_', '.', '/' and '-': 'bad key'")
                .containsEntry("egress[0].peer.nets", "Enter at least one CIDR, e.g. 10.0.0.0/8.");
    }

    @Test
    void calicoValidationOfTheFormsManifestNamesTheField() {
        PolicyForm form = new PolicyForm();
        form.setName("p");
        RuleForm rule = RuleForm.of("Allow");
        rule.setProtocol("TCP");
        rule.setPorts("80, 70000");
        form.getIngress().add(rule);

        PolicyYaml.Decoded decoded = PolicyYaml.decode(
                FormWriter.write(form, PolicyKind.NetworkPolicy, "payments").manifest(),
                PolicyKind.NetworkPolicy,
                "payments");

        assertThat(decoded.ok()).isFalse();
        assertThat(decoded.problems())
                .extracting(PolicyYaml.Problem::path, PolicyYaml.Problem::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(
                        "spec.ingress[0].destination.ports[1]", "Port 70000 is out of range 1-65535."));
    }

    @Test
    void yamlErrorsNameTheirLineAndField() {
        PolicyYaml.Decoded decoded = PolicyYaml.parse(
                NP + "  egress:\n  - action: Allow\n    destination:\n      nets: [10.0.0.0/33]\n",
                PolicyKind.NetworkPolicy,
                "payments");

        assertThat(decoded.problems())
                .extracting(PolicyYaml.Problem::describe)
                .containsExactly("Line 10: spec.egress[0].destination.nets[0]: '10.0.0.0/33' is not a valid CIDR.");
    }

    @Test
    void malformedYamlSaysWhere() {
        PolicyYaml.Decoded decoded = PolicyYaml.parse(NP + "  tier: [\n", PolicyKind.NetworkPolicy, "payments");

        assertThat(decoded.problems())
                .singleElement()
                .satisfies(p -> assertThat(p.message()).startsWith("Malformed YAML at line"));
    }

    @Test
    void yamlWithoutANamespaceGoesToTheNamespaceAtHandButNotElsewhere() {
        String withoutNamespace = NP.replace("  namespace: payments\n", "") + "  tier: default\n";
        assertThat(parse(withoutNamespace).namespace()).isEqualTo("payments");

        PolicyYaml.Decoded elsewhere = PolicyYaml.parse(
                NP.replace("namespace: payments", "namespace: catalog"), PolicyKind.NetworkPolicy, "payments");
        assertThat(elsewhere.problems())
                .extracting(PolicyYaml.Problem::describe)
                .containsExactly("Line 5: metadata.namespace: The policy must be in namespace payments, the namespace"
                        + " being edited.");
    }

    @Test
    void theEditorOfNetworkPoliciesRefusesAnotherKind() {
        PolicyYaml.Decoded decoded = PolicyYaml.parse(GNP, PolicyKind.NetworkPolicy, "payments");
        assertThat(decoded.problems())
                .extracting(PolicyYaml.Problem::describe)
                .containsExactly("Line 2: kind: This editor writes a NetworkPolicy (apiVersion projectcalico.org/v3).");
    }

    private static CalicoPolicy parse(String yaml) {
        boolean global = yaml.contains("GlobalNetworkPolicy");
        @Nullable String namespace = global ? null : "payments";
        PolicyYaml.Decoded d =
                PolicyYaml.parse(yaml, global ? PolicyKind.GlobalNetworkPolicy : PolicyKind.NetworkPolicy, namespace);
        assertThat(d.problems()).as(yaml).isEmpty();
        return d.policy();
    }
}
