package dev.tierdeck.cli;

import dev.tierdeck.engine.eval.CompiledCluster;
import dev.tierdeck.engine.eval.Engine;
import dev.tierdeck.engine.eval.FlowReader;
import dev.tierdeck.engine.manifest.ManifestWriter;
import dev.tierdeck.engine.manifest.Manifests;
import dev.tierdeck.engine.recommend.Directions;
import dev.tierdeck.engine.recommend.Layout;
import dev.tierdeck.engine.recommend.Level;
import dev.tierdeck.engine.recommend.Observation;
import dev.tierdeck.engine.recommend.Recommendation;
import dev.tierdeck.engine.recommend.RecommendationJson;
import dev.tierdeck.engine.recommend.Recommender;
import dev.tierdeck.engine.recommend.Settings;
import java.io.PrintStream;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code recommend --cluster FILE_OR_DIR... --flows FLOWS.jsonl --namespace NS [--workload NAME] [--level L]
 * [--layout workload|namespace] [--directions ingress|egress|both] [--tier TIER] [--width N] [--leave-out ID...]
 * [--json]}: policies for the namespace's developer tier that allow the observed flows reaching it, proven against the
 * same flows. YAML by default, with the proof as comments at the top; {@code --json}: one JSON document with the
 * policies, the proof, the levels, every observed connection and the history.
 */
final class RecommendCommand {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Set<String> OPTIONS = Set.of(
            "--cluster",
            "--flows",
            "--namespace",
            "--workload",
            "--level",
            "--layout",
            "--directions",
            "--tier",
            "--width",
            "--leave-out",
            "--json");

    /** Option for each settings field the engine names in a problem. */
    private static final Map<String, String> FIELDS = Map.of(
            "namespace", "--namespace",
            "workload", "--workload",
            "tier", "--tier",
            "width", "--width",
            "width6", "--width",
            "leaveOut", "--leave-out");

    private RecommendCommand() {}

    static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            Options o = Options.parse("recommend", args, OPTIONS);
            boolean json = flag(o, "--json");
            Settings settings = settings(o);
            var manifests = Inputs.manifests(o.some("recommend", "--cluster"), err);
            String flowsPath = o.one("recommend", "--flows");
            FlowReader.Result flows = Inputs.flows(flowsPath);
            CompiledCluster cluster = Engine.compile(manifests.state());
            Inputs.checkPods(flowsPath, flows, cluster);
            List<Recommender.Problem> problems = Recommender.check(manifests.state(), settings);
            if (!problems.isEmpty()) {
                Recommender.Problem p = problems.getFirst();
                throw new BadInputException(
                        "recommend: " + FIELDS.getOrDefault(p.field(), p.field()) + ": " + p.message());
            }
            List<Observation> observations =
                    flows.flows().stream().map(Observation::of).toList();
            Recommendation r = Recommender.recommend(cluster, observations, settings);
            if (json) {
                out.println(JSON.writeValueAsString(RecommendationJson.toMap(r)));
            } else {
                out.print(yaml(r, manifests));
            }
            return Cli.OK;
        } catch (BadInputException e) {
            err.println("tierdeck: " + e.getMessage());
            return Cli.BAD_INPUT;
        }
    }

    private static Settings settings(Options o) throws BadInputException {
        Settings s = Settings.of(single(o, "--namespace", true));
        String workload = single(o, "--workload", false);
        if (workload != null) {
            s = s.withWorkload(workload);
        }
        s = s.withLevel(choice(o, "--level", Level::parse, Level.WORKLOAD, "strict, workload or namespace"));
        s = s.withLayout(choice(o, "--layout", Layout::parse, Layout.WORKLOAD, "workload or namespace"));
        s = s.withDirections(choice(o, "--directions", Directions::parse, Directions.BOTH, "ingress, egress or both"));
        String tier = single(o, "--tier", false);
        if (tier != null) {
            s = s.withTier(tier);
        }
        String width = single(o, "--width", false);
        if (width != null) {
            if (!width.matches("/?\\d{1,3}")) {
                throw new BadInputException(
                        "recommend: --width must be a prefix length such as 24, not '" + width + "'");
            }
            s = s.withPrefixes(Integer.parseInt(width.replace("/", "")), s.ipv6Prefix());
        }
        List<String> leave = o.all("--leave-out");
        if (leave.size() > Recommender.MAX_LEFT_OUT) {
            throw new BadInputException(
                    "recommend: --leave-out: at most " + Recommender.MAX_LEFT_OUT + " connections may be left out");
        }
        return s.withLeaveOut(new LinkedHashSet<>(leave));
    }

    private static boolean flag(Options o, String name) throws BadInputException {
        List<String> v = o.all(name);
        if (!v.isEmpty()) {
            throw new BadInputException("recommend: " + name + " takes no value, not '" + v.getFirst() + "'");
        }
        return o.has(name);
    }

    private static @Nullable String single(Options o, String name, boolean required) throws BadInputException {
        if (!o.has(name)) {
            if (required) {
                throw new BadInputException("recommend: " + name + " is required\n" + Cli.USAGE);
            }
            return null;
        }
        List<String> v = o.all(name);
        if (v.size() != 1) {
            throw new BadInputException("recommend: " + name + " needs exactly one value");
        }
        return v.getFirst();
    }

    private static <T> T choice(Options o, String name, Function<String, @Nullable T> parse, T fallback, String words)
            throws BadInputException {
        String text = single(o, name, false);
        if (text == null) {
            return fallback;
        }
        T value = parse.apply(text);
        if (value == null) {
            throw new BadInputException("recommend: " + name + " must be " + words + ", not '" + text + "'");
        }
        return value;
    }

    /** The policies as YAML, with what the proof found as comments first (kubectl ignores them). */
    private static String yaml(Recommendation r, Manifests manifests) {
        Settings s = r.settings();
        Recommendation.Proof p = r.proof();
        StringBuilder b = new StringBuilder();
        b.append("# tierdeck recommend: ")
                .append(s.workload() == null ? "namespace " + s.namespace() : s.namespace() + "/" + s.workload())
                .append(", level ")
                .append(s.level().id())
                .append(", tier ")
                .append(s.tier())
                .append(": ")
                .append(r.policies().size())
                .append(r.policies().size() == 1 ? " policy, " : " policies, ")
                .append(r.rules())
                .append(r.rules() == 1 ? " rule\n" : " rules\n");
        b.append("# proof: ")
                .append(p.flows())
                .append(" observed flows replayed, ")
                .append(p.observedAllowedFlows())
                .append(" allowed today; newly denied ")
                .append(p.newlyDeniedFlows())
                .append(" (")
                .append(p.newlyDeniedFlows() - p.unexpectedlyDenied())
                .append(" left out), newly allowed ")
                .append(p.newlyAllowedFlows())
                .append(p.holds() ? "; no observed allowed flow is newly denied\n" : "; DOES NOT HOLD\n");
        for (Recommendation.ProofFlow f : p.newlyDenied()) {
            b.append("#   newly denied: ")
                    .append(f.source())
                    .append(" -> ")
                    .append(f.destination())
                    .append(' ')
                    .append(f.protocol())
                    .append(f.port() == null ? "" : "/" + f.port())
                    .append(f.leftOut() ? " (left out)\n" : "\n");
        }
        for (Recommendation.LevelSummary l : r.levels()) {
            b.append(String.format(
                    "# level %s: %d rules, allows %.1f%% of the observed connections%n",
                    l.level().id(), l.rules(), 100 * l.allowedShare()));
        }
        for (String note : r.history().notes()) {
            b.append("# ").append(note).append('\n');
        }
        for (Recommendation.SuggestedPolicy sp : r.policies()) {
            for (String note : sp.notes()) {
                b.append("# ")
                        .append(sp.policy().name())
                        .append(": ")
                        .append(note)
                        .append('\n');
            }
        }
        b.append(ManifestWriter.toYaml(r.policies().stream()
                .map(Recommendation.SuggestedPolicy::policy)
                .toList()));
        return b.toString();
    }
}
