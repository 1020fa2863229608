package dev.tierdeck.recommendation;

import dev.tierdeck.engine.eval.PolicyHit;
import dev.tierdeck.engine.manifest.ManifestWriter;
import dev.tierdeck.engine.recommend.Level;
import dev.tierdeck.engine.recommend.Recommendation;
import dev.tierdeck.engine.recommend.Recommendation.Connection;
import dev.tierdeck.engine.recommend.Recommendation.Status;
import dev.tierdeck.engine.recommend.Settings;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A suggestion as the page shows it: everything in words, times in UTC to the minute, policy names of confidential
 * tiers left out for those who may not see them.
 */
record SuggestionView(Suggestion suggestion) {

    private static final DateTimeFormatter MINUTES =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    /** One level side by side with the others. */
    record LevelRow(
            String id,
            String label,
            String description,
            int rules,
            String share,
            int newlyDenied,
            int newlyAllowed,
            boolean chosen) {}

    /** One rule's evidence. */
    record RuleRow(
            String direction,
            String workloads,
            String peer,
            String ports,
            long connections,
            String firstSeen,
            String lastSeen,
            String examples) {}

    /** One suggested policy. */
    record PolicyCard(String name, String workloads, String yaml, List<String> notes, List<RuleRow> rules) {}

    /** One observed connection the user may keep or leave out. */
    record ConnectionRow(
            String id,
            String direction,
            String workload,
            String peer,
            String port,
            long connections,
            String firstSeen,
            String lastSeen,
            String examples,
            List<String> unusual,
            boolean leftOut,
            String decided) {}

    /** Connections an upper tier already decides, grouped by what decides them. */
    record Decided(String by, List<String> connections) {}

    public Recommendation recommendation() {
        return suggestion.recommendation();
    }

    public Settings settings() {
        return recommendation().settings();
    }

    public String scope() {
        Settings s = settings();
        return s.workload() == null ? "namespace " + s.namespace() : "workload " + s.namespace() + "/" + s.workload();
    }

    public String from() {
        return suggestion.window().fromText() + " UTC";
    }

    public String to() {
        return suggestion.window().toText();
    }

    /** The window's ends as the hidden fields of the "open in the editor" forms carry them: exact, so it is the same. */
    public String fromInstant() {
        return suggestion.window().from().toString();
    }

    public String toInstant() {
        return suggestion.window().to().toString();
    }

    public boolean empty() {
        return recommendation().history().flows() == 0;
    }

    public List<LevelRow> levels() {
        List<LevelRow> out = new ArrayList<>();
        for (Recommendation.LevelSummary l : recommendation().levels()) {
            out.add(new LevelRow(
                    l.level().id(),
                    label(l.level()),
                    description(l.level()),
                    l.rules(),
                    String.format(Locale.ROOT, "%.1f%%", 100 * l.allowedShare()),
                    l.newlyDeniedFlows(),
                    l.newlyAllowedFlows(),
                    l.level() == settings().level()));
        }
        return out;
    }

    static String label(Level l) {
        return switch (l) {
            case STRICT -> "Strict";
            case WORKLOAD -> "Workload";
            case NAMESPACE -> "Namespace";
        };
    }

    private static String description(Level l) {
        return switch (l) {
            case STRICT -> "each peer workload and port on its own, outside addresses one by one";
            case WORKLOAD -> "peer workloads with their ports; a namespace whole when all its workloads were seen";
            case NAMESPACE -> "peers in other namespaces as whole namespaces";
        };
    }

    public List<PolicyCard> policies() {
        List<PolicyCard> out = new ArrayList<>();
        for (Recommendation.SuggestedPolicy p : recommendation().policies()) {
            List<RuleRow> rules = new ArrayList<>();
            p.ingress().forEach(e -> rules.add(rule("ingress from", e)));
            p.egress().forEach(e -> rules.add(rule("egress to", e)));
            out.add(new PolicyCard(
                    p.policy().name(),
                    String.join(", ", p.workloads()),
                    ManifestWriter.toYaml(List.of(p.policy())),
                    p.notes(),
                    rules));
        }
        return out;
    }

    private static RuleRow rule(String direction, Recommendation.RuleEvidence e) {
        return new RuleRow(
                direction,
                String.join(", ", e.workloads()),
                e.peer(),
                e.ports(),
                e.connections(),
                time(e.firstSeen()),
                time(e.lastSeen()),
                String.join(", ", e.examples()));
    }

    /** The connections the suggestion allows or leaves out: the ones a person chooses between. */
    public List<ConnectionRow> choosable() {
        return recommendation().connections().stream()
                .filter(c -> c.status() == Status.ALLOWED || c.status() == Status.LEFT_OUT)
                .map(this::row)
                .toList();
    }

    public List<ConnectionRow> denied() {
        return recommendation().connections().stream()
                .filter(c -> c.status() == Status.DENIED)
                .map(this::row)
                .toList();
    }

    public List<Decided> alreadyDecided() {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (Connection c : recommendation().connections()) {
            if (c.status() == Status.ALREADY_DECIDED) {
                groups.computeIfAbsent("already allowed by " + hit(c.decidedBy()), k -> new ArrayList<>())
                        .add(c.direction() + " " + (c.ingress() ? "from " : "to ") + c.peer() + " " + port(c)
                                + (c.ingress() ? " to " : " from ") + c.workload());
            }
        }
        List<Decided> out = new ArrayList<>();
        groups.forEach((by, list) -> out.add(new Decided(by, list)));
        return out;
    }

    private ConnectionRow row(Connection c) {
        List<String> unusual =
                c.unusual().stream().map(Recommendation.Unusual::text).toList();
        String decided = switch (c.status()) {
            case DENIED -> "denied today by " + hit(c.decidedBy());
            case ALREADY_DECIDED -> "already allowed by " + hit(c.decidedBy());
            default -> "reaches tier " + settings().tier() + " today (decided by " + hit(c.decidedBy()) + ")";
        };
        return new ConnectionRow(
                c.id(),
                c.direction(),
                c.workload(),
                c.peer(),
                port(c),
                c.connections(),
                time(c.firstSeen()),
                time(c.lastSeen()),
                String.join(", ", c.examples()),
                unusual,
                c.status() == Status.LEFT_OUT,
                decided);
    }

    private static String port(Connection c) {
        return c.port() == null ? c.protocol() : c.protocol() + " " + c.port();
    }

    /** A decisive step in words; the policy of a confidential tier stays unnamed. */
    String hit(@Nullable PolicyHit h) {
        if (h == null) {
            return "nothing recorded";
        }
        if (h.kind().equals(PolicyHit.PROFILE)) {
            return "the namespace profile: no policy decides it";
        }
        String policy = suggestion.confidentialTiers().contains(h.tier())
                ? "a policy of this confidential tier"
                : "policy " + (h.namespace() == null ? h.name() : h.namespace() + "/" + h.name());
        if (h.kind().equals(PolicyHit.END_OF_TIER)) {
            return "the end of tier " + h.tier() + " (" + policy + " applies, none of its rules matched)";
        }
        return "tier " + h.tier() + ", " + policy + ", rule " + (h.ruleIndex() + 1);
    }

    /** The proof in one sentence, with its numbers. */
    public String proofSentence() {
        Recommendation.Proof p = recommendation().proof();
        int leftOut = p.newlyDeniedFlows() - p.unexpectedlyDenied();
        String base = "Replayed the " + p.flows() + " distinct observed flows of " + scope() + " with the suggestion in"
                + " force: ";
        if (!p.holds()) {
            return base + p.unexpectedlyDenied() + " of the " + p.observedAllowedFlows()
                    + " flows allowed today would be newly denied although nobody left them out.";
        }
        if (leftOut == 0) {
            return base + "none of the " + p.observedAllowedFlows() + " flows allowed today ("
                    + p.observedAllowedConnections() + " connections) is newly denied.";
        }
        return base + "exactly the " + leftOut + (leftOut == 1 ? " flow" : " flows")
                + " you left out " + (leftOut == 1 ? "is" : "are") + " newly denied; none of the other "
                + (p.observedAllowedFlows() - leftOut) + " flows allowed today is.";
    }

    public List<Recommendation.ProofFlow> newlyDenied() {
        return recommendation().proof().newlyDenied();
    }

    public List<Recommendation.ProofFlow> newlyAllowed() {
        return recommendation().proof().newlyAllowed();
    }

    public List<Recommendation.ProofFlow> leftOutStillAllowed() {
        return recommendation().proof().leftOutStillAllowed();
    }

    public String flowPort(Recommendation.ProofFlow f) {
        return f.port() == null ? f.protocol() : f.protocol() + " " + f.port();
    }

    public String decidedBy(Recommendation.ProofFlow f) {
        return f.decidedBy().isEmpty() ? "" : hit(f.decidedBy().getLast());
    }

    static String time(@Nullable Instant t) {
        return t == null ? "" : MINUTES.format(t);
    }
}
