package dev.tierdeck.engine.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tierdeck.engine.model.CalicoPolicy;
import dev.tierdeck.engine.model.ClusterObject;
import dev.tierdeck.engine.model.Pod;
import dev.tierdeck.engine.model.Port;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ManifestReaderTest {

    private static String policy(String rule) {
        return """
                apiVersion: projectcalico.org/v3
                kind: NetworkPolicy
                metadata: {name: p, namespace: a}
                spec:
                  ingress:
                  - %s
                """.formatted(rule);
    }

    private static List<String> errors(String yaml) {
        return ManifestReader.read("c.yaml", yaml).errors().stream()
                .map(ManifestProblem::toString)
                .toList();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{action: Allw}|c.yaml: document 1: spec.ingress[0].action: 'Allw' is not one of Allow, Deny, Log, Pass",
                "{action: Allow, destination: {ports: [80]}}|c.yaml: document 1: spec.ingress[0].destination.ports[0]: numeric ports need protocol TCP, UDP or SCTP (no protocol is set)",
                "{action: Allow, protocol: TCP, destination: {ports: ['90:80']}}|c.yaml: document 1: spec.ingress[0].destination.ports[0]: port range '90:80' has its start after its end",
                "{action: Allow, protocol: TCP, destination: {ports: [70000]}}|c.yaml: document 1: spec.ingress[0].destination.ports[0]: port 70000 is out of range 1-65535",
                "{action: Allow, protocol: ICMP, destination: {ports: [http]}}|c.yaml: document 1: spec.ingress[0].destination.ports[0]: named ports need protocol TCP, UDP, SCTP or no protocol (protocol is ICMP)",
                "{action: Allow, source: {nets: [10.0.0.0/33]}}|c.yaml: document 1: spec.ingress[0].source.nets[0]: '10.0.0.0/33' is not a valid CIDR",
                "{action: Allow, source: {notNets: [0.0.0.0/0]}}|c.yaml: document 1: spec.ingress[0].source.notNets[0]: '0.0.0.0/0' (everything) cannot be negated",
                "{action: Allow, source: {nets: [10.0.0.0/8], notNets: ['fd00::/8']}}|c.yaml: document 1: spec.ingress[0]: a rule cannot mix IPv4 and IPv6 CIDRs ('fd00::/8')",
                "{action: Allow, source: {selector: global()}}|c.yaml: document 1: spec.ingress[0].source.selector: global() is not allowed here (only as a rule's whole namespaceSelector)",
                "{action: Allow, source: {namespaceSelector: global() && has(a)}}|c.yaml: document 1: spec.ingress[0].source.namespaceSelector: global() must be the entire namespaceSelector, not part of an expression",
                "{action: Allow, icmp: {code: 1}, protocol: ICMP}|c.yaml: document 1: spec.ingress[0].icmp.code: an ICMP code requires an ICMP type",
                "{action: Allow, icmp: {type: 8}}|c.yaml: document 1: spec.ingress[0].icmp: requires protocol ICMP or ICMPv6",
                "{action: Allow, source: {ports: 80}, protocol: TCP}|c.yaml: document 1: spec.ingress[0].source.ports: must be a list, not a number",
                "{action: Deny, http: {methods: [GET]}}|c.yaml: document 1: spec.ingress[0].http: http match is only allowed on Allow rules",
            })
    void invalidRulesAreReportedWithDocumentFieldAndReason(String rule, String message) {
        assertThat(errors(policy(rule))).containsExactly(message);
    }

    @Test
    void invalidSelectorsNameTheirPositionAndNewlinesDoNotParse() {
        List<String> e = errors(policy("{action: Allow, source: {selector: \"app == 'x'\\n\"}}"));
        assertThat(e).hasSize(1);
        assertThat(e.get(0)).startsWith("c.yaml: document 1: spec.ingress[0].source.selector: invalid selector");
        assertThat(e.get(0)).contains("at position");
    }

    @Test
    void aPolicysOwnLabelsAreReadCheckedAndWrittenBack() {
        Manifests read = ManifestReader.read("c.yaml", """
                apiVersion: projectcalico.org/v3
                kind: NetworkPolicy
                metadata: {name: p, namespace: a, labels: {owner: payments}}
                spec: {selector: all()}
                """);
        CalicoPolicy policy = (CalicoPolicy) read.objects().getFirst();
        assertThat(policy.labels()).containsExactly(Map.entry("owner", "payments"));
        assertThat(ManifestWriter.toYaml(List.of(policy))).contains("  labels:\n    owner: payments\n");
        assertThat(errors("""
                apiVersion: projectcalico.org/v3
                kind: NetworkPolicy
                metadata: {name: p, namespace: a, labels: {owner: 5}}
                spec: {}
                """)).singleElement().asString().contains("metadata.labels.owner: must be a string");
    }

    @Test
    void aStagedDeletionMustNotCarryASpec() {
        assertThat(errors("""
                        apiVersion: projectcalico.org/v3
                        kind: StagedNetworkPolicy
                        metadata: {name: p, namespace: a}
                        spec: {stagedAction: Delete, selector: all()}
                        """))
                .containsExactly(
                        "c.yaml: document 1: spec.selector: must be empty when stagedAction is Delete (only tier may be set)");
    }

    @Test
    void policyAndTierNamesFollowCalicosRules() {
        assertThat(errors("""
                        apiVersion: projectcalico.org/v3
                        kind: Tier
                        metadata: {name: a.b}
                        ---
                        apiVersion: projectcalico.org/v3
                        kind: GlobalNetworkPolicy
                        metadata: {name: a.b.c}
                        """))
                .containsExactly(
                        "c.yaml: document 1: metadata.name: 'a.b' is not a valid tier name (a DNS-1123 label without dots)",
                        "c.yaml: document 2: metadata.name: 'a.b.c' is not a valid GlobalNetworkPolicy name (a DNS-1123 label, or two labels joined by one dot)");
    }

    @Test
    void wrongValueTypesAreErrors() {
        assertThat(errors("""
                        apiVersion: projectcalico.org/v3
                        kind: NetworkPolicy
                        metadata: {name: p, namespace: a}
                        spec: {order: high, types: Ingress}
                        """))
                .containsExactly(
                        "c.yaml: document 1: spec.order: must be a number, not a string",
                        "c.yaml: document 1: spec.types: must be a list, not a string");
    }

    @Test
    void malformedYamlNamesTheDocumentAndLine() {
        List<String> e = errors("apiVersion: v1\nkind: Namespace\nmetadata: {name: a\n");
        assertThat(e).hasSize(1);
        assertThat(e.get(0)).startsWith("c.yaml: document 1: malformed YAML at line");
    }

    @Test
    void unknownSpecFieldsAndKindsAreWarningsWhileStatusIsIgnored() {
        Manifests m = ManifestReader.read("c.yaml", """
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: g, managedFields: [{manager: kubectl}]}
                spec: {futureField: 1}
                status: {anything: true}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: c}
                """);
        assertThat(m.errors()).isEmpty();
        assertThat(m.warnings().stream().map(ManifestProblem::toString))
                .containsExactly(
                        "c.yaml: document 1: spec.futureField: unknown field, ignored",
                        "c.yaml: document 2: kind: kind ConfigMap (v1) is not read; ignored");
        assertThat(m.objects()).hasSize(1);
    }

    @Test
    void listsAndJsonAreReadAndPathsNameTheItem() {
        Manifests m = ManifestReader.read("c.json", """
                {"apiVersion": "v1", "kind": "List", "items": [
                  {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "a"}},
                  {"apiVersion": "projectcalico.org/v3", "kind": "NetworkPolicy",
                   "metadata": {"name": "p", "namespace": "a"}, "spec": {"ingress": [{"action": "Nope"}]}}
                ]}
                """);
        assertThat(m.errors().stream().map(ManifestProblem::toString))
                .containsExactly(
                        "c.json: document 1: items[1].spec.ingress[0].action: 'Nope' is not one of Allow, Deny, Log, Pass");
    }

    @Test
    void podsKeepLabelsAddressesServiceAccountAndNamedPorts() {
        Manifests m = ManifestReader.read("c.yaml", """
                apiVersion: v1
                kind: Pod
                metadata: {name: web-0, namespace: a, labels: {app: web}}
                spec:
                  containers:
                  - name: web
                    ports: [{name: http, containerPort: 8080}]
                status: {podIP: 10.0.0.1, podIPs: [{ip: 10.0.0.1}, {ip: 'fd00::1'}]}
                """);
        Pod p = (Pod) m.objects().get(0);
        assertThat(p.labels()).isEqualTo(Map.of("app", "web"));
        assertThat(p.serviceAccountName()).isEqualTo("default");
        assertThat(p.ips()).containsExactly("10.0.0.1", "fd00::1");
        assertThat(p.ports().get(0).name()).isEqualTo("http");
        assertThat(p.ports().get(0).protocol().name()).isEqualTo("TCP");
    }

    @Test
    void portsDecodeAsNumbersRangesAndNames() {
        Manifests m = ManifestReader.read(
                "c.yaml", policy("{action: Allow, protocol: TCP, destination: {ports: [80, '8000:9000', http]}}"));
        CalicoPolicy p = (CalicoPolicy) m.objects().get(0);
        assertThat(p.ingress().get(0).destination().ports())
                .containsExactly(Port.Range.of(80), new Port.Range(8000, 9000), new Port.Named("http"));
    }

    @Test
    void directoriesAreReadFileByFile(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("b.yml"), "apiVersion: v1\nkind: Namespace\nmetadata: {name: b}\n");
        Files.writeString(dir.resolve("a.yaml"), "apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n");
        Files.writeString(dir.resolve("notes.txt"), "not yaml: [");
        Manifests m = ManifestReader.readPaths(List.of(dir));
        assertThat(m.errors()).isEmpty();
        assertThat(m.objects().stream().map(ClusterObject::key).map(k -> k.name()))
                .containsExactly("a", "b");
    }

    @Test
    void decodedObjectsSurviveEncodingAndDecodingAgain() throws Exception {
        Path examples = Path.of(getClass().getResource("/conformance/examples").toURI());
        try (var dirs = Files.list(examples)) {
            for (Path d :
                    dirs.filter(x -> Files.exists(x.resolve("cluster.yaml"))).toList()) {
                Manifests first = ManifestReader.readPaths(List.of(d.resolve("cluster.yaml")));
                String yaml = ManifestWriter.toYaml(first.objects());
                Manifests second = ManifestReader.read("encoded", yaml);
                assertThat(second.errors()).isEmpty();
                assertThat(second.objects()).isEqualTo(first.objects());
            }
        }
    }
}
