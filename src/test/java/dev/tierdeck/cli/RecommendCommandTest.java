package dev.tierdeck.cli;

import static dev.tierdeck.cli.ConformanceCommandsTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tierdeck.cli.ConformanceCommandsTest.Run;
import dev.tierdeck.engine.manifest.ManifestReader;
import dev.tierdeck.engine.manifest.Manifests;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code recommend} on the shop estate of the engine's suggestion tests, case by case. */
class RecommendCommandTest {

    @TempDir
    static Path dir;

    private static String cluster;
    private static String flows;

    @BeforeEach
    void files() throws IOException {
        cluster = copy("shop.yaml");
        flows = copy("shop-flows.jsonl");
    }

    private static String copy(String name) throws IOException {
        try (InputStream in = RecommendCommandTest.class.getResourceAsStream("/engine/recommend/" + name)) {
            return Files.write(dir.resolve(name), in.readAllBytes()).toString();
        }
    }

    /** Options after {@code --cluster C --flows F}, the exit status, and text that must appear (out, then err). */
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(
                        "--namespace shop",
                        0,
                        List.of(
                                "# tierdeck recommend: namespace shop, level workload, tier default: 3 policies, 8 rules",
                                "# proof: 11 observed flows replayed, 10 allowed today; newly denied 0 (0 left out),"
                                        + " newly allowed 0; no observed allowed flow is newly denied",
                                "# level strict: 9 rules, allows 90.9% of the observed connections",
                                "kind: NetworkPolicy",
                                "name: suggested-cart",
                                "selector: app == \"cart\""),
                        List.of()),
                Arguments.of(
                        "--namespace shop --workload cart --leave-out ingress:shop/cart<-sandbox/debug-shell:TCP/50051",
                        0,
                        List.of(
                                "# tierdeck recommend: shop/cart, level workload, tier default: 1 policy, 2 rules",
                                "newly denied 1 (1 left out)",
                                "#   newly denied: sandbox/debug-shell -> shop/cart-6d9b8c7f4-x2k9q TCP/50051 (left out)"),
                        List.of()),
                Arguments.of(
                        "--namespace shop --level strict --directions egress",
                        0,
                        List.of("level strict", "203.0.113.9/32", "- Egress"),
                        List.of()),
                Arguments.of(
                        "--namespace nope",
                        2,
                        List.of(),
                        List.of("recommend: --namespace: the cluster has no namespace nope")),
                Arguments.of(
                        "--namespace shop --workload cart-0",
                        2,
                        List.of(),
                        List.of(
                                "recommend: --workload: namespace shop has no workload cart-0 (its workloads: cart, web, worker)")),
                Arguments.of(
                        "--namespace shop --level loose",
                        2,
                        List.of(),
                        List.of("recommend: --level must be strict, workload or namespace, not 'loose'")),
                Arguments.of(
                        "--namespace shop --tier team",
                        2,
                        List.of(),
                        List.of("recommend: --tier: the cluster has no tier team")),
                Arguments.of(
                        "--namespace shop --width 4",
                        2,
                        List.of(),
                        List.of("recommend: --width: the IPv4 CIDR width must be between /8 and /32, not /4")),
                Arguments.of(
                        "--namespace shop --width wide",
                        2,
                        List.of(),
                        List.of("recommend: --width must be a prefix length such as 24, not 'wide'")),
                Arguments.of("--namespace shop --json yes", 2, List.of(), List.of("recommend: --json takes no value")),
                Arguments.of("--workload cart", 2, List.of(), List.of("recommend: --namespace is required")),
                Arguments.of("--namespace shop --namespaces x", 2, List.of(), List.of("unknown option --namespaces")));
    }

    @ParameterizedTest(name = "recommend {0} exits {1}")
    @MethodSource("cases")
    void recommend(String options, int status, List<String> out, List<String> err) {
        List<String> args = new ArrayList<>(List.of("recommend", "--cluster", cluster, "--flows", flows));
        args.addAll(List.of(options.split(" ")));

        Run run = run(args.toArray(String[]::new));

        assertThat(run.status()).as(run.err()).isEqualTo(status);
        out.forEach(text -> assertThat(run.out()).contains(text));
        err.forEach(text -> assertThat(run.err()).contains(text));
        if (status != 0) {
            assertThat(run.out()).isEmpty();
            assertThat(run.err()).doesNotContain("Exception");
        }
    }

    @Test
    void theYamlIsValidCalicoThatTheOtherCommandsRead() {
        Run run = run("recommend", "--cluster", cluster, "--flows", flows, "--namespace", "shop");

        Manifests m = ManifestReader.read("suggested.yaml", run.out());
        assertThat(m.errors()).isEmpty();
        assertThat(m.objects()).hasSize(3);
    }

    @Test
    void jsonCarriesThePoliciesAndTheProofOnOneLine() {
        Run run = run("recommend", "--cluster", cluster, "--flows", flows, "--namespace", "shop", "--json");

        assertThat(run.status()).isZero();
        assertThat(run.lines()).hasSize(1);
        JsonNode json = JsonMapper.builder().build().readTree(run.out());
        assertThat(json.get("summary").get("policies").intValue()).isEqualTo(3);
        assertThat(json.get("summary").get("holds").booleanValue()).isTrue();
        assertThat(json.get("proof").get("newlyDeniedFlows").intValue()).isZero();
        assertThat(json.get("policies").get(0).get("manifest").get("kind").stringValue())
                .isEqualTo("NetworkPolicy");
        assertThat(json.get("levels")).hasSize(3);
        assertThat(json.get("connections").size()).isEqualTo(11);
    }

    @Test
    void aFlowNamingAMissingPodIsBadInputWithItsLine() throws IOException {
        String bad = Files.writeString(
                        dir.resolve("bad.jsonl"),
                        Files.readString(Path.of(flows), StandardCharsets.UTF_8)
                                + "{\"id\":\"x\",\"source\":{\"pod\":\"shop/ghost\"},\"destination\":{\"pod\":\"db/redis-0\"},"
                                + "\"protocol\":\"TCP\",\"port\":6379}\n")
                .toString();

        Run run = run("recommend", "--cluster", cluster, "--flows", bad, "--namespace", "shop");

        assertThat(run.status()).isEqualTo(Cli.BAD_INPUT);
        assertThat(run.err()).contains("bad.jsonl: line 12: source.pod: pod shop/ghost does not exist");
    }
}
