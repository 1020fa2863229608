package dev.tierdeck.cli;

import dev.tierdeck.engine.eval.CompiledCluster;
import dev.tierdeck.engine.eval.Engine;
import dev.tierdeck.engine.eval.Flow;
import dev.tierdeck.engine.eval.FlowReader;
import dev.tierdeck.engine.eval.VerdictJson;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code evaluate --cluster FILE_OR_DIR... --flows FLOWS.jsonl}: one verdict line per flow, in input order. All
 * input is read and checked before the first line is written, so bad input never leaves half an output.
 */
final class EvaluateCommand {

    /** Flows with the same endpoints, protocol and ports share one verdict; the memo is bounded. */
    private static final int MEMO_LIMIT = 200_000;

    private EvaluateCommand() {}

    static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            Options o = Options.parse("evaluate", args, Set.of("--cluster", "--flows"));
            var manifests = Inputs.manifests(o.some("evaluate", "--cluster"), err);
            String flowsPath = o.one("evaluate", "--flows");
            FlowReader.Result flows = Inputs.flows(flowsPath);
            CompiledCluster cluster = Engine.compile(manifests.state());
            Inputs.checkPods(flowsPath, flows, cluster);
            write(cluster, flows, out);
            return Cli.OK;
        } catch (BadInputException e) {
            err.println("tierdeck: " + e.getMessage());
            return Cli.BAD_INPUT;
        }
    }

    private static void write(CompiledCluster cluster, FlowReader.Result flows, PrintStream out) {
        BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        Map<Flow, String> memo = new HashMap<>();
        StringBuilder line = new StringBuilder(640);
        try {
            for (Flow f : flows.flows()) {
                Flow key = new Flow(
                        "",
                        f.source(),
                        f.destination(),
                        f.protocol(),
                        f.port(),
                        f.sourcePort(),
                        f.icmpType(),
                        f.icmpCode());
                String body = memo.get(key);
                if (body == null) {
                    body = VerdictJson.body(cluster.evaluate(f));
                    if (memo.size() < MEMO_LIMIT) {
                        memo.put(key, body);
                    }
                }
                line.setLength(0);
                line.append("{\"id\":");
                Json.string(line, f.id());
                line.append(',').append(body).append('\n');
                w.append(line);
            }
            w.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
