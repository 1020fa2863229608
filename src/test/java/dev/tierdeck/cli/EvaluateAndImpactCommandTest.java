package dev.tierdeck.cli;

import static dev.tierdeck.cli.ConformanceCommandsTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tierdeck.cli.ConformanceCommandsTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluateAndImpactCommandTest {

    private static final String CLUSTER = """
            apiVersion: v1
            kind: Pod
            metadata: {name: web-0, namespace: a, labels: {app: web}}
            status: {podIP: 10.0.0.1}
            ---
            apiVersion: projectcalico.org/v3
            kind: NetworkPolicy
            metadata: {name: p, namespace: a}
            spec:
              ingress: [{action: Allow, protocol: TCP, destination: {ports: [80]}}]
            """;

    @TempDir
    Path dir;

    private String file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content).toString();
    }

    @Test
    void evaluatePrintsOneLinePerFlowWithNullForTheExternalSide() throws IOException {
        Run run = run("evaluate", "--cluster", file("c.yaml", CLUSTER), "--flows", file("f.jsonl", """
                        {"id":"f1","source":{"ip":"8.8.8.8"},"destination":{"pod":"a/web-0"},"protocol":"TCP","port":80}

                        {"id":"f2","source":{"ip":"8.8.8.8"},"destination":{"ip":"10.0.0.1"},"protocol":"TCP","port":81}
                        """));
        assertThat(run.status()).isZero();
        assertThat(run.lines())
                .containsExactly(
                        "{\"id\":\"f1\",\"action\":\"Allow\",\"pendingAction\":\"Allow\",\"enforced\":{\"egress\":null,"
                                + "\"ingress\":{\"action\":\"Allow\",\"hits\":[{\"tier\":\"default\",\"kind\":\"NetworkPolicy\","
                                + "\"namespace\":\"a\",\"name\":\"p\",\"ruleIndex\":0,\"action\":\"Allow\"}]}},\"pending\":{\"egress\":null,"
                                + "\"ingress\":{\"action\":\"Allow\",\"hits\":[{\"tier\":\"default\",\"kind\":\"NetworkPolicy\","
                                + "\"namespace\":\"a\",\"name\":\"p\",\"ruleIndex\":0,\"action\":\"Allow\"}]}}}",
                        "{\"id\":\"f2\",\"action\":\"Deny\",\"pendingAction\":\"Deny\",\"enforced\":{\"egress\":null,"
                                + "\"ingress\":{\"action\":\"Deny\",\"hits\":[{\"tier\":\"default\",\"kind\":\"EndOfTier\","
                                + "\"namespace\":\"a\",\"name\":\"p\",\"ruleIndex\":-1,\"action\":\"Deny\"}]}},\"pending\":{\"egress\":null,"
                                + "\"ingress\":{\"action\":\"Deny\",\"hits\":[{\"tier\":\"default\",\"kind\":\"EndOfTier\","
                                + "\"namespace\":\"a\",\"name\":\"p\",\"ruleIndex\":-1,\"action\":\"Deny\"}]}}}");
    }

    @Test
    void aFlowNamingAMissingPodIsBadInputWithItsLine() throws IOException {
        Run run = run("evaluate", "--cluster", file("c.yaml", CLUSTER), "--flows", file("f.jsonl", """
                        {"id":"f1","source":{"pod":"a/web-0"},"destination":{"pod":"a/web-0"},"protocol":"TCP","port":80}
                        {"id":"f2","source":{"pod":"a/ghost"},"destination":{"pod":"a/web-0"},"protocol":"TCP","port":80}
                        """));
        assertThat(run.status()).isEqualTo(Cli.BAD_INPUT);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("f.jsonl: line 2: source.pod: pod a/ghost does not exist");
    }

    @Test
    void aBadFlowLineNamesTheLineAndField() throws IOException {
        Run run = run(
                "evaluate",
                "--cluster",
                file("c.yaml", CLUSTER),
                "--flows",
                file(
                        "f.jsonl",
                        "{\"id\":\"f1\",\"source\":{\"ip\":\"1.2.3\"},\"destination\":{\"pod\":\"a/web-0\"},"
                                + "\"protocol\":\"TCP\",\"port\":80}\n"));
        assertThat(run.status()).isEqualTo(Cli.BAD_INPUT);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("f.jsonl: line 1: source.ip: \"1.2.3\" is not an IPv4 or IPv6 address");
    }

    @Test
    void anInvalidClusterIsBadInputNamingFileDocumentAndField() throws IOException {
        String cluster = file("c.yaml", CLUSTER + "---\n" + """
                apiVersion: projectcalico.org/v3
                kind: NetworkPolicy
                metadata: {name: q, namespace: a}
                spec:
                  ingress: [{action: Allow, protocol: TCP, destination: {ports: ['9:1']}}]
                """);
        Run run = run("evaluate", "--cluster", cluster, "--flows", file("f.jsonl", ""));
        assertThat(run.status()).isEqualTo(Cli.BAD_INPUT);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .contains(cluster + ": document 3: spec.ingress[0].destination.ports[0]: port range '9:1' has its start"
                        + " after its end")
                .doesNotContain("Exception");
    }

    @Test
    void missingFilesAndUnknownOptionsAreBadInput() throws IOException {
        assertThat(run("evaluate", "--cluster", dir.resolve("nope.yaml").toString(), "--flows", "x")
                        .status())
                .isEqualTo(Cli.BAD_INPUT);
        assertThat(run("evaluate", "--clusters", "x").status()).isEqualTo(Cli.BAD_INPUT);
        assertThat(run("impact", "--cluster", file("c.yaml", CLUSTER), "--flows", file("f.jsonl", ""))
                        .status())
                .isEqualTo(Cli.BAD_INPUT);
    }

    @Test
    void impactListsChangedFlowsThenTheSummary() throws IOException {
        Run run = run(
                "impact",
                "--cluster",
                file("c.yaml", CLUSTER),
                "--flows",
                file("f.jsonl", """
                        {"id":"f1","source":{"ip":"8.8.8.8"},"destination":{"pod":"a/web-0"},"protocol":"TCP","port":80}
                        {"id":"f2","source":{"ip":"8.8.8.8"},"destination":{"pod":"a/web-0"},"protocol":"TCP","port":81}
                        """),
                "--change",
                file("change.yaml", """
                        apiVersion: projectcalico.org/v3
                        kind: StagedNetworkPolicy
                        metadata: {name: p, namespace: a}
                        spec: {stagedAction: Delete}
                        """));
        assertThat(run.status()).isZero();
        assertThat(run.lines())
                .containsExactly(
                        "{\"id\":\"f2\",\"before\":\"Deny\",\"after\":\"Allow\"}",
                        "{\"summary\":{\"flows\":2,\"changed\":1,\"newlyDenied\":0,\"newlyAllowed\":1}}");
    }
}
