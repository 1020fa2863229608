package dev.tierdeck.preview;

import static dev.tierdeck.preview.PreviewFixture.HOUR_AGO;
import static dev.tierdeck.preview.PreviewFixture.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tierdeck.cli.Cli;
import dev.tierdeck.engine.eval.Flow;
import dev.tierdeck.engine.eval.FlowEndpoint;
import dev.tierdeck.engine.eval.VerdictJson;
import dev.tierdeck.flow.FlowReplay;
import dev.tierdeck.flow.ReplayFlow;
import dev.tierdeck.flow.ReplaySet;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The preview and the {@code impact} command, given the same cluster, flows and change, count the same: the flows
 * replayed, the flows newly denied and newly allowed, and (weighted by each flow's connections) the totals.
 */
class ImpactCommandAgreementTest {

    @TempDir
    Path dir;

    @Test
    void thePreviewAgreesWithTheImpactCommand() throws IOException {
        ImpactPreview preview =
                PreviewFixture.previews(PreviewFixture.history()).preview(PreviewFixture.change(), null, HOUR_AGO, NOW);

        // the same flows, as the preview replays them, written as a flows file of the evaluation contract
        ReplaySet replay = FlowReplay.map(
                PreviewFixture.history(), PreviewFixture.cluster().state());
        Map<String, Long> connections = new HashMap<>();
        StringBuilder flows = new StringBuilder();
        for (ReplayFlow r : replay.flows()) {
            connections.put(r.flow().id(), ReplayedImpactPreviews.connections(r));
            flows.append(line(r.flow())).append('\n');
        }
        Files.writeString(dir.resolve("cluster.yaml"), PreviewFixture.resource("cluster.yaml"));
        Files.writeString(dir.resolve("change.yaml"), PreviewFixture.resource("change.yaml"));
        Files.writeString(dir.resolve("flows.jsonl"), flows);

        List<JsonNode> output = impact();
        JsonNode summary = output.getLast().get("summary");

        assertThat(preview.flows()).isEqualTo(summary.get("flows").asInt());
        assertThat(preview.newlyDeniedFlows())
                .isEqualTo(summary.get("newlyDenied").asInt());
        assertThat(preview.newlyAllowedFlows())
                .isEqualTo(summary.get("newlyAllowed").asInt());
        long denied = 0;
        long allowed = 0;
        for (JsonNode changed : output.subList(0, output.size() - 1)) {
            long n = connections.get(changed.get("id").asString());
            if (changed.get("after").asString().equals("Deny")) {
                denied += n;
            } else {
                allowed += n;
            }
        }
        assertThat(preview.newlyDenied()).isEqualTo(denied).isPositive();
        assertThat(preview.newlyAllowed()).isEqualTo(allowed).isPositive();
    }

    private List<JsonNode> impact() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Cli.run(
                new String[] {
                    "impact",
                    "--cluster",
                    dir.resolve("cluster.yaml").toString(),
                    "--flows",
                    dir.resolve("flows.jsonl").toString(),
                    "--change",
                    dir.resolve("change.yaml").toString()
                },
                new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of());
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        JsonMapper json = JsonMapper.builder().build();
        return out.toString(StandardCharsets.UTF_8)
                .lines()
                .filter(l -> !l.isBlank())
                .map(json::readTree)
                .toList();
    }

    private static String line(Flow f) {
        StringBuilder s = new StringBuilder("{\"id\":");
        VerdictJson.string(s, f.id());
        s.append(",\"source\":").append(endpoint(f.source()));
        s.append(",\"destination\":").append(endpoint(f.destination()));
        s.append(",\"protocol\":\"").append(f.protocol().name()).append('"');
        if (f.port() != null) {
            s.append(",\"port\":").append(f.port());
        }
        return s.append('}').toString();
    }

    private static String endpoint(FlowEndpoint e) {
        StringBuilder s = new StringBuilder();
        switch (e) {
            case FlowEndpoint.PodRef pod -> {
                s.append("{\"pod\":");
                VerdictJson.string(s, pod.toString());
            }
            case FlowEndpoint.Address ip -> {
                s.append("{\"ip\":");
                VerdictJson.string(s, ip.ip());
            }
        }
        return s.append('}').toString();
    }
}
