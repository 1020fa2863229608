package dev.tierdeck.flow.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tierdeck.flow.EndpointType;
import dev.tierdeck.flow.FlowAction;
import dev.tierdeck.flow.FlowRecord;
import dev.tierdeck.flow.PolicyHitKind;
import dev.tierdeck.flow.Reporter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

public class FlowFilesTest {

    static final Instant NOW = Instant.parse("2026-01-02T00:00:00Z");

    public static byte[] resource(String name) {
        try (InputStream in = FlowFilesTest.class.getResourceAsStream("/flow/import/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static FlowFiles.Parsed parse(String content) {
        return FlowFiles.parse(content.getBytes(StandardCharsets.UTF_8), NOW);
    }

    @Test
    void readsAWhiskerPage() {
        FlowFiles.Parsed parsed = FlowFiles.parse(resource("whisker-page.json"), NOW);

        assertThat(parsed.format()).isEqualTo(FlowFiles.Format.WHISKER);
        assertThat(parsed.flows()).hasSize(2);
        FlowRecord first = parsed.flows().getFirst();
        assertThat(first.start()).isEqualTo(Instant.parse("2026-01-01T10:00:00Z"));
        assertThat(first.source().name()).isEqualTo("checkout-6f7d9c8b5-*");
        assertThat(first.source().type()).isEqualTo(EndpointType.WorkloadEndpoint);
        assertThat(first.source().labels()).isEqualTo(Map.of("app", "checkout", "tier", "frontend"));
        assertThat(first.protocol()).isEqualTo("TCP");
        assertThat(first.port()).isEqualTo(8443);
        assertThat(first.reporter()).isEqualTo(Reporter.Dst);
        assertThat(first.enforced()).extracting(h -> h.name()).containsExactly("platform-baseline", "allow-checkout");
        assertThat(first.enforced().getFirst().namespace()).isNull();
        assertThat(first.pending().get(1).kind()).isEqualTo(PolicyHitKind.EndOfTier);
        assertThat(first.pending().get(1).trigger().name()).isEqualTo("payments-lockdown");
        assertThat(first.pendingAction()).isEqualTo(FlowAction.Deny);
        assertThat(first.counts().bytesIn()).isEqualTo(48000);
    }

    @Test
    void mapsPublicNetworkAndGlobalNamespaceBackToGoldmaneNames() {
        FlowRecord second =
                FlowFiles.parse(resource("whisker-page.json"), NOW).flows().get(1);

        assertThat(second.destination().name()).isEqualTo("pub");
        assertThat(second.destination().namespace()).isNull();
        assertThat(second.destination().type()).isEqualTo(EndpointType.Network);
        assertThat(second.action()).isEqualTo(FlowAction.Deny);
        assertThat(second.pendingAction()).isNull();
    }

    @Test
    void readsAJsonArrayAndJsonLinesAlike() {
        String one = "{\"start_time\":\"2026-01-01T10:00:00Z\",\"action\":\"Allow\",\"source_name\":\"a-*\","
                + "\"source_namespace\":\"x\",\"dest_name\":\"b-*\",\"dest_namespace\":\"y\",\"protocol\":\"UDP\","
                + "\"dest_port\":53,\"reporter\":\"Src\"}";

        assertThat(parse("[" + one + ",\n" + one + "]").flows()).hasSize(2);
        assertThat(parse(one + "\n\n" + one + "\n" + one + "\n").flows()).hasSize(3);
    }

    @Test
    void reportsEveryInvalidFieldWithItsLine() {
        assertThatThrownBy(() -> FlowFiles.parse(resource("invalid-whisker.jsonl"), NOW))
                .isInstanceOfSatisfying(FlowImportException.class, e -> {
                    assertThat(e.unreadable()).isFalse();
                    assertThat(e.problems())
                            .map(ImportProblem::toString)
                            .containsExactly(
                                    "line 2: dest_port: expected a number 0..65535, got \"abc\"",
                                    "line 3: start_time: expected an RFC 3339 time such as 2026-11-26T14:00:00Z, got"
                                            + " \"yesterday\"",
                                    "line 3: action: expected one of [Allow, Deny, Pass], got \"Maybe\"");
                });
    }

    @Test
    void reportsTheLineOfAnItemInsideAnArray() {
        String content = "[\n{\"start_time\":\"2026-01-01T10:00:00Z\",\"action\":\"Allow\",\"source_name\":\"a-*\","
                + "\"dest_name\":\"b-*\",\"protocol\":\"TCP\",\"reporter\":\"Src\"},\n"
                + "{\"start_time\":\"2026-01-01T10:00:00Z\",\"action\":\"Allow\",\"source_name\":\"a-*\","
                + "\"dest_name\":\"b-*\",\"protocol\":\"TCP\"}\n]";

        assertThatThrownBy(() -> parse(content)).hasMessage("line 3: reporter: is required");
    }

    @Test
    void rejectsMalformedJsonNamingTheLine() {
        assertThatThrownBy(() -> FlowFiles.parse(resource("malformed.json"), NOW))
                .isInstanceOfSatisfying(FlowImportException.class, e -> {
                    assertThat(e.unreadable()).isTrue();
                    assertThat(e.getMessage()).startsWith("line 4: malformed JSON:");
                });
    }

    @Test
    void rejectsJsonOfAnotherShape() {
        assertThatThrownBy(() -> parse("{\"kind\":\"Pod\"}")).hasMessageStartingWith("line 1: not a known flow format");
        assertThatThrownBy(() -> parse("   \n")).hasMessage("line 1: the file holds no flows");
        assertThatThrownBy(() -> parse("[1, 2]")).hasMessage("line 1: expected a flow object, got 1");
    }

    @Test
    void readsTheFlowsJsonlOfTheCommandLine() {
        FlowFiles.Parsed parsed = FlowFiles.parse(resource("contract.jsonl"), NOW);

        assertThat(parsed.format()).isEqualTo(FlowFiles.Format.CONTRACT);
        List<FlowRecord> flows = parsed.flows();
        assertThat(flows).hasSize(4);
        assertThat(flows.getFirst().source().displayName()).isEqualTo("payments/api-7d9f8c6b5-*");
        assertThat(flows.getFirst().destination().displayName()).isEqualTo("db/pg-*");
        assertThat(flows.getFirst().start()).isEqualTo(NOW);
        assertThat(flows.getFirst().action()).isEqualTo(FlowAction.Allow);
        assertThat(flows.get(1).destination().name()).isEqualTo("pub");
        assertThat(flows.get(2).source().name()).isEqualTo("pvt");
        assertThat(flows.get(2).action()).isEqualTo(FlowAction.Deny);
        assertThat(flows.get(3).protocol()).isEqualTo("ICMP");
        assertThat(flows.get(3).port()).isZero();
    }

    @Test
    void validatesFlowsJsonlLines() {
        assertThatThrownBy(() -> FlowFiles.parse(resource("invalid-contract.jsonl"), NOW))
                .isInstanceOfSatisfying(
                        FlowImportException.class,
                        e -> assertThat(e.problems())
                                .map(ImportProblem::toString)
                                .containsExactly(
                                        "line 2: source.pod: expected NAMESPACE/NAME, got \"payments\"",
                                        "line 2: destination.ip: expected an IPv4 or IPv6 address, got \"not-an-ip\"",
                                        "line 3: protocol: expected TCP, UDP, SCTP, ICMP, ICMPv6 or a number 1..255, got"
                                                + " \"GRE\"",
                                        "line 3: port: expected a number 1..65535, got 70000"));
    }
}
