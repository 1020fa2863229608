package dev.tierdeck.cli;

import dev.tierdeck.engine.eval.Change;
import dev.tierdeck.engine.eval.CompiledCluster;
import dev.tierdeck.engine.eval.Engine;
import dev.tierdeck.engine.eval.FlowChange;
import dev.tierdeck.engine.eval.FlowReader;
import dev.tierdeck.engine.eval.Impact;
import dev.tierdeck.engine.eval.ImpactReport;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;

/**
 * {@code impact --cluster FILE_OR_DIR... --flows FLOWS.jsonl --change CHANGE.yaml}: the flows whose enforced verdict
 * the change flips, in input order, then a summary line.
 */
final class ImpactCommand {

    private ImpactCommand() {}

    static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            Options o = Options.parse("impact", args, Set.of("--cluster", "--flows", "--change"));
            var manifests = Inputs.manifests(o.some("impact", "--cluster"), err);
            String flowsPath = o.one("impact", "--flows");
            FlowReader.Result flows = Inputs.flows(flowsPath);
            var change = Inputs.manifests(List.of(o.one("impact", "--change")), err);
            CompiledCluster cluster = Engine.compile(manifests.state());
            Inputs.checkPods(flowsPath, flows, cluster);
            ImpactReport report = Impact.of(cluster, Change.of(change.objects()), flows.flows());
            StringBuilder s = new StringBuilder();
            for (FlowChange c : report.changes()) {
                s.append("{\"id\":");
                Json.string(s, c.flow().id());
                s.append(",\"before\":\"").append(c.beforeAction()).append("\",\"after\":\"");
                s.append(c.afterAction()).append("\"}\n");
            }
            s.append("{\"summary\":{\"flows\":")
                    .append(report.flows())
                    .append(",\"changed\":")
                    .append(report.changed());
            s.append(",\"newlyDenied\":").append(report.newlyDenied()).append(",\"newlyAllowed\":");
            s.append(report.newlyAllowed()).append("}}");
            out.println(s);
            return Cli.OK;
        } catch (BadInputException e) {
            err.println("tierdeck: " + e.getMessage());
            return Cli.BAD_INPUT;
        }
    }
}
