package dev.tierdeck.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/**
 * The command line of the policy engine. Runs without Spring: only the engine and the JDK are touched,
 * so that start-up stays well under a second.
 *
 * <p>Exit status: 0 success, 2 bad input (a message naming the file, document and field), 1 internal error.
 */
public final class Cli {

    public static final int OK = 0;
    public static final int INTERNAL_ERROR = 1;
    public static final int BAD_INPUT = 2;

    private static final Set<String> COMMANDS =
            Set.of("evaluate", "impact", "recommend", "assert", "selector", "bench", "import-flows", "help", "--help");

    private Cli() {}

    /**
     * Whether the command line is for the CLI: a first argument that is not an option ({@code --server.port=9090}
     * starts the portal) names a command, known or not. An unknown one gets the usage and exit status 2, never a
     * portal started by a typo.
     */
    public static boolean handles(String[] args) {
        return args.length > 0 && (COMMANDS.contains(args[0]) || !args[0].startsWith("-"));
    }

    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        return run(args, in, out, err, System.getenv());
    }

    /** {@code env}: the environment variables a command may read ({@code TIERDECK_TOKEN}). */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err, Map<String, String> env) {
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            return switch (args[0]) {
                case "evaluate" -> EvaluateCommand.run(rest, out, err);
                case "impact" -> ImpactCommand.run(rest, out, err);
                case "recommend" -> RecommendCommand.run(rest, out, err);
                case "assert" -> AssertCommand.run(rest, out, err);
                case "selector" -> SelectorCommand.run(rest, out, err);
                case "bench" -> BenchCommand.run(rest, out, err);
                case "import-flows" -> ImportFlowsCommand.run(rest, env, out, err);
                case "help", "--help" -> {
                    out.println(USAGE);
                    yield OK;
                }
                default -> {
                    err.println("tierdeck: unknown command '" + args[0] + "'");
                    err.println(USAGE);
                    yield BAD_INPUT;
                }
            };
        } catch (RuntimeException | Error e) {
            err.println("tierdeck: internal error: " + e);
            return INTERNAL_ERROR;
        } finally {
            out.flush();
            err.flush();
        }
    }

    static final String USAGE = """
            usage: tierdeck <command> [options]

              evaluate --cluster FILE_OR_DIR... --flows FLOWS.jsonl
              impact   --cluster FILE_OR_DIR... --flows FLOWS.jsonl --change CHANGE.yaml
              recommend --cluster FILE_OR_DIR... --flows FLOWS.jsonl --namespace NS [--workload NAME]
                       [--level strict|workload|namespace] [--layout workload|namespace]
                       [--directions ingress|egress|both] [--tier TIER] [--width N] [--leave-out ID...] [--json]
                       policies that allow the observed flows reaching the developer tier, proven against them
              assert   --cluster FILE_OR_DIR... --assertions ASSERTIONS.yaml [--change CHANGE.yaml] [--json]
                       check that what must be reachable is and what must not be is not; exit 1 when an
                       assertion is violated or covers nothing
              selector --cases CASES.jsonl
              selector "EXPR" [--labels k=v,k2=v2]
              bench    [--json] [--small]
              import-flows --url PORTAL [--token-file FILE] FLOWS.json|FLOWS.jsonl
                       validate a flow file, then import it into a running portal with an access token
                       (--token-file, or the environment variable TIERDECK_TOKEN)

            Without a command the jar starts the Tierdeck portal.""";
}
