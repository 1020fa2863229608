package dev.tierdeck.engine.recommend;

import dev.tierdeck.engine.eval.PolicyHit;
import dev.tierdeck.engine.manifest.ManifestWriter;
import dev.tierdeck.engine.recommend.Recommendation.Connection;
import dev.tierdeck.engine.recommend.Recommendation.LevelSummary;
import dev.tierdeck.engine.recommend.Recommendation.Proof;
import dev.tierdeck.engine.recommend.Recommendation.ProofFlow;
import dev.tierdeck.engine.recommend.Recommendation.RuleEvidence;
import dev.tierdeck.engine.recommend.Recommendation.SuggestedPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A suggestion as a JSON-ready tree of maps and lists: the command line ({@code recommend --json}) and the REST API
 * both print it through here, so they answer with the same document. Times are RFC 3339, absent values {@code null}.
 */
public final class RecommendationJson {

    private RecommendationJson() {}

    public static Map<String, Object> toMap(Recommendation r) {
        Settings s = r.settings();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("namespace", s.namespace());
        m.put("workload", s.workload());
        m.put("level", s.level().id());
        m.put("layout", s.layout().id());
        m.put("directions", s.directions().id());
        m.put("tier", s.tier());
        m.put("leaveOut", s.leaveOut().stream().sorted().toList());
        Proof p = r.proof();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("policies", r.policies().size());
        summary.put("rules", r.rules());
        summary.put("flows", p.flows());
        summary.put("observedAllowedFlows", p.observedAllowedFlows());
        summary.put("newlyDenied", p.newlyDeniedFlows());
        summary.put("newlyDeniedUnexpectedly", p.unexpectedlyDenied());
        summary.put("newlyAllowed", p.newlyAllowedFlows());
        summary.put("holds", p.holds());
        summary.put("thinHistory", r.history().thin());
        m.put("summary", summary);
        m.put("policies", r.policies().stream().map(RecommendationJson::policy).toList());
        m.put("proof", proof(p));
        m.put("levels", r.levels().stream().map(RecommendationJson::level).toList());
        m.put(
                "connections",
                r.connections().stream().map(RecommendationJson::connection).toList());
        Map<String, Object> history = new LinkedHashMap<>();
        history.put("observations", r.history().observations());
        history.put("flows", r.history().flows());
        history.put("connections", r.history().connections());
        history.put("firstSeen", time(r.history().firstSeen()));
        history.put("lastSeen", time(r.history().lastSeen()));
        history.put("thin", r.history().thin());
        history.put("notes", r.history().notes());
        m.put("history", history);
        return m;
    }

    private static Map<String, Object> policy(SuggestedPolicy p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("manifest", ManifestWriter.toMap(p.policy()));
        m.put("workloads", p.workloads());
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put(
                "ingress",
                p.ingress().stream().map(RecommendationJson::evidence).toList());
        evidence.put(
                "egress", p.egress().stream().map(RecommendationJson::evidence).toList());
        m.put("evidence", evidence);
        m.put("notes", p.notes());
        return m;
    }

    private static Map<String, Object> evidence(RuleEvidence e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("workloads", e.workloads());
        m.put("peer", e.peer());
        m.put("ports", e.ports());
        m.put("connections", e.connections());
        m.put("firstSeen", time(e.firstSeen()));
        m.put("lastSeen", time(e.lastSeen()));
        m.put("examples", e.examples());
        m.put("connectionIds", e.connectionIds());
        return m;
    }

    private static Map<String, Object> proof(Proof p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("flows", p.flows());
        m.put("observedAllowedFlows", p.observedAllowedFlows());
        m.put("observedAllowedConnections", p.observedAllowedConnections());
        m.put("newlyDeniedFlows", p.newlyDeniedFlows());
        m.put("newlyAllowedFlows", p.newlyAllowedFlows());
        m.put("holds", p.holds());
        m.put(
                "newlyDenied",
                p.newlyDenied().stream().map(RecommendationJson::flow).toList());
        m.put(
                "newlyAllowed",
                p.newlyAllowed().stream().map(RecommendationJson::flow).toList());
        m.put(
                "leftOutStillAllowed",
                p.leftOutStillAllowed().stream().map(RecommendationJson::flow).toList());
        return m;
    }

    private static Map<String, Object> flow(ProofFlow f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", f.id());
        m.put("source", f.source());
        m.put("destination", f.destination());
        m.put("protocol", f.protocol());
        m.put("port", f.port());
        m.put("connections", f.connections());
        m.put("leftOut", f.leftOut());
        m.put("decidedBy", f.decidedBy().stream().map(RecommendationJson::hit).toList());
        return m;
    }

    private static Map<String, Object> level(LevelSummary l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("level", l.level().id());
        m.put("policies", l.policies());
        m.put("rules", l.rules());
        m.put("allowedConnections", l.allowedConnections());
        m.put("observedConnections", l.observedConnections());
        m.put("allowedShare", Math.round(l.allowedShare() * 10_000) / 10_000.0);
        m.put("newlyDenied", l.newlyDeniedFlows());
        m.put("newlyAllowed", l.newlyAllowedFlows());
        return m;
    }

    private static Map<String, Object> connection(Connection c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("direction", c.direction());
        m.put("workload", c.workload());
        m.put("peer", c.peer());
        m.put("protocol", c.protocol());
        m.put("port", c.port());
        m.put("connections", c.connections());
        m.put("firstSeen", time(c.firstSeen()));
        m.put("lastSeen", time(c.lastSeen()));
        m.put("examples", c.examples());
        m.put("status", c.status().name());
        m.put("decidedBy", c.decidedBy() == null ? null : hit(c.decidedBy()));
        List<String> unusual = new ArrayList<>();
        c.unusual().forEach(u -> unusual.add(u.name()));
        m.put("unusual", unusual);
        return m;
    }

    /** A hit in the shape of the engine's verdicts and Calico's flow logs. */
    public static Map<String, Object> hit(PolicyHit h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tier", h.tier());
        m.put("kind", h.kind());
        m.put("namespace", h.namespace());
        m.put("name", h.name());
        m.put("ruleIndex", h.ruleIndex());
        m.put("action", h.action().name());
        return m;
    }

    private static @Nullable String time(@Nullable Instant t) {
        return t == null ? null : t.toString();
    }
}
