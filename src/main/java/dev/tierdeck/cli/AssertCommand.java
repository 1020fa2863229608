package dev.tierdeck.cli;

import dev.tierdeck.engine.assertion.Assertion;
import dev.tierdeck.engine.assertion.AssertionChecker;
import dev.tierdeck.engine.assertion.AssertionJson;
import dev.tierdeck.engine.assertion.AssertionReader;
import dev.tierdeck.engine.assertion.AssertionResult;
import dev.tierdeck.engine.eval.Change;
import dev.tierdeck.engine.eval.CompiledCluster;
import dev.tierdeck.engine.eval.Engine;
import dev.tierdeck.engine.eval.Flow;
import dev.tierdeck.engine.eval.FlowEndpoint;
import dev.tierdeck.engine.eval.PolicyHit;
import dev.tierdeck.engine.eval.Verdict;
import dev.tierdeck.engine.model.RuleAction;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code assert --cluster FILE_OR_DIR... --assertions FILE [--change CHANGE.yaml] [--json]}: checks connectivity
 * assertions against the enforced policies (with the change applied as {@code impact} applies it) and prints one
 * line per assertion in file order, then a summary; {@code --json} prints them as JSON lines. Exit status 0 when
 * every assertion holds, 1 when one is violated or covers nothing, 2 on bad input (nothing is printed on standard
 * output then).
 */
final class AssertCommand {

    /** Exit status when an assertion does not hold. */
    static final int NOT_HOLDING = 1;

    private AssertCommand() {}

    static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            Options o = Options.parse("assert", args, Set.of("--cluster", "--assertions", "--change", "--json"));
            if (!o.all("--json").isEmpty()) {
                throw new BadInputException("assert: --json takes no value\n" + Cli.USAGE);
            }
            var manifests = Inputs.manifests(o.some("assert", "--cluster"), err);
            List<Assertion> assertions = assertions(o.one("assert", "--assertions"));
            Change change = o.has("--change")
                    ? Change.of(Inputs.manifests(List.of(o.one("assert", "--change")), err)
                            .objects())
                    : null;
            CompiledCluster cluster = Engine.compile(manifests.state());
            List<AssertionResult> results = AssertionChecker.check(cluster, change, assertions);
            StringBuilder s = new StringBuilder();
            for (AssertionResult r : results) {
                s.append(o.has("--json") ? AssertionJson.line(r) : text(r)).append('\n');
            }
            s.append(o.has("--json") ? AssertionJson.summary(results) : summary(results));
            out.println(s);
            return results.stream().allMatch(AssertionResult::holds) ? Cli.OK : NOT_HOLDING;
        } catch (BadInputException e) {
            err.println("tierdeck: " + e.getMessage());
            return Cli.BAD_INPUT;
        }
    }

    private static List<Assertion> assertions(String path) throws BadInputException {
        String text;
        try {
            if (Files.size(Path.of(path)) > AssertionReader.MAX_CHARACTERS) {
                throw new BadInputException(
                        path + ": larger than " + AssertionReader.MAX_CHARACTERS + " bytes; split the file");
            }
            text = Files.readString(Path.of(path), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new BadInputException(path + ": no such file");
        } catch (MalformedInputException e) {
            throw new BadInputException(path + ": not UTF-8 text");
        } catch (IOException e) {
            throw new BadInputException(path + ": cannot read: " + e.getMessage());
        }
        AssertionReader.Result r = AssertionReader.read(path, text);
        if (!r.ok()) {
            throw new BadInputException(
                    Inputs.describe(r.problems().stream().map(Object::toString).toList()));
        }
        return r.assertions();
    }

    /** {@code holds}, {@code VIOLATED} with the example and the deciding hits, or {@code EMPTY} with the reason. */
    private static String text(AssertionResult r) {
        String name = r.assertion().name();
        return switch (r.status()) {
            case HOLDS ->
                "holds     " + name + " (" + r.flowsChecked() + (r.flowsChecked() == 1 ? " flow" : " flows")
                        + " checked)";
            case EMPTY -> "EMPTY     " + name + ": covers nothing: " + r.reason();
            case VIOLATED -> violation(name, r);
        };
    }

    private static String violation(String name, AssertionResult r) {
        AssertionResult.Example e = r.example();
        if (e == null) {
            return "VIOLATED  " + name;
        }
        Flow f = e.flow();
        String expected = lower(r.assertion().expect().name());
        StringBuilder s = new StringBuilder("VIOLATED  ")
                .append(name)
                .append(": ")
                .append(endpoint(f.source(), e.sourcePod()))
                .append(" -> ")
                .append(endpoint(f.destination(), e.destinationPod()))
                .append(' ')
                .append(f.protocol())
                .append(' ')
                .append(f.port());
        if (f.sourcePort() != null) {
            s.append(" from source port ").append(f.sourcePort());
        }
        s.append(e.verdict().action() == Verdict.Allow ? " is allowed" : " is denied")
                .append(", expected ")
                .append(expected);
        for (AssertionResult.DecidingHit d : e.decidedBy()) {
            s.append("\n          ")
                    .append(d.direction())
                    .append(" at ")
                    .append(
                            d.direction().equals("egress")
                                    ? endpoint(f.source(), e.sourcePod())
                                    : endpoint(f.destination(), e.destinationPod()))
                    .append(": ")
                    .append(hit(d.hit(), d.direction()));
        }
        return s.toString();
    }

    private static String endpoint(FlowEndpoint e, @Nullable String pod) {
        return e instanceof FlowEndpoint.Address a && pod != null ? a.ip() + " (" + pod + ")" : e.toString();
    }

    private static String hit(PolicyHit h, String direction) {
        String policy = (h.namespace() == null ? "" : h.namespace() + "/") + h.name();
        return switch (h.kind()) {
            case PolicyHit.PROFILE -> "allowed by profile " + h.name() + " (no policy decided)";
            case PolicyHit.END_OF_TIER ->
                "denied at the end of tier " + h.tier() + " (no rule matched; last policy " + policy + ")";
            default ->
                verb(h.action()) + " by tier " + h.tier() + ", " + h.kind() + " " + policy + ", " + direction + " rule "
                        + h.ruleIndex();
        };
    }

    private static String verb(RuleAction action) {
        return switch (action) {
            case Allow -> "allowed";
            case Deny -> "denied";
            case Pass -> "passed on";
            case Log -> "logged";
        };
    }

    private static String summary(List<AssertionResult> results) {
        return results.size() + (results.size() == 1 ? " assertion: " : " assertions: ")
                + count(results, AssertionResult.Status.HOLDS) + " hold, "
                + count(results, AssertionResult.Status.VIOLATED) + " violated, "
                + count(results, AssertionResult.Status.EMPTY) + " cover nothing";
    }

    private static long count(List<AssertionResult> results, AssertionResult.Status status) {
        return results.stream().filter(r -> r.status() == status).count();
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
