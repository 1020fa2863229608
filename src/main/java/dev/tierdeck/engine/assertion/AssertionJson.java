package dev.tierdeck.engine.assertion;

import dev.tierdeck.engine.eval.Flow;
import dev.tierdeck.engine.eval.FlowEndpoint;
import dev.tierdeck.engine.eval.PolicyHit;
import dev.tierdeck.engine.eval.VerdictJson;
import java.util.List;

/**
 * Assertion results as JSON lines, one object per assertion and a summary, for the command line and anything else
 * that reports them. A violation carries its example in the input shape of {@code evaluate} and its verdict in the
 * output shape of {@code evaluate}, so the example can be replayed and compared as it is.
 */
public final class AssertionJson {

    private AssertionJson() {}

    /**
     * {@code {"assertion":NAME,"expect":"allow","result":"holds|violated|empty","flowsChecked":N,...}}: with
     * {@code reason} when empty; with {@code example}, {@code pods}, {@code decidedBy} and {@code verdict} when
     * violated.
     */
    public static String line(AssertionResult r) {
        StringBuilder s = new StringBuilder(256);
        s.append("{\"assertion\":");
        VerdictJson.string(s, r.assertion().name());
        s.append(",\"expect\":\"")
                .append(r.assertion().expect().name().toLowerCase(java.util.Locale.ROOT))
                .append("\",\"result\":\"")
                .append(result(r.status()))
                .append("\",\"flowsChecked\":")
                .append(r.flowsChecked());
        if (r.reason() != null) {
            s.append(",\"reason\":");
            VerdictJson.string(s, r.reason());
        }
        AssertionResult.Example e = r.example();
        if (e != null) {
            s.append(",\"example\":");
            flow(s, e.flow());
            s.append(",\"pods\":{\"source\":");
            VerdictJson.string(s, e.sourcePod());
            s.append(",\"destination\":");
            VerdictJson.string(s, e.destinationPod());
            s.append("},\"decidedBy\":[");
            List<AssertionResult.DecidingHit> hits = e.decidedBy();
            for (int i = 0; i < hits.size(); i++) {
                if (i > 0) {
                    s.append(',');
                }
                hit(s, hits.get(i));
            }
            s.append("],\"verdict\":{").append(VerdictJson.body(e.verdict()));
        }
        return s.append('}').toString();
    }

    /** {@code {"summary":{"assertions":N,"hold":H,"violated":V,"empty":E}}}. */
    public static String summary(List<AssertionResult> results) {
        return "{\"summary\":{\"assertions\":" + results.size() + ",\"hold\":"
                + count(results, AssertionResult.Status.HOLDS)
                + ",\"violated\":" + count(results, AssertionResult.Status.VIOLATED) + ",\"empty\":"
                + count(results, AssertionResult.Status.EMPTY) + "}}";
    }

    private static long count(List<AssertionResult> results, AssertionResult.Status status) {
        return results.stream().filter(r -> r.status() == status).count();
    }

    private static String result(AssertionResult.Status status) {
        return switch (status) {
            case HOLDS -> "holds";
            case VIOLATED -> "violated";
            case EMPTY -> "empty";
        };
    }

    private static void flow(StringBuilder s, Flow f) {
        s.append("{\"id\":");
        VerdictJson.string(s, f.id());
        s.append(",\"source\":");
        endpoint(s, f.source());
        s.append(",\"destination\":");
        endpoint(s, f.destination());
        s.append(",\"protocol\":");
        VerdictJson.string(s, f.protocol().name());
        if (f.port() != null) {
            s.append(",\"port\":").append(f.port());
        }
        if (f.sourcePort() != null) {
            s.append(",\"sourcePort\":").append(f.sourcePort());
        }
        s.append('}');
    }

    private static void endpoint(StringBuilder s, FlowEndpoint e) {
        switch (e) {
            case FlowEndpoint.PodRef p -> {
                s.append("{\"pod\":");
                VerdictJson.string(s, p.toString());
            }
            case FlowEndpoint.Address a -> {
                s.append("{\"ip\":");
                VerdictJson.string(s, a.ip());
            }
        }
        s.append('}');
    }

    private static void hit(StringBuilder s, AssertionResult.DecidingHit d) {
        PolicyHit h = d.hit();
        s.append("{\"direction\":\"").append(d.direction()).append("\",\"tier\":");
        VerdictJson.string(s, h.tier());
        s.append(",\"kind\":");
        VerdictJson.string(s, h.kind());
        s.append(",\"namespace\":");
        VerdictJson.string(s, h.namespace());
        s.append(",\"name\":");
        VerdictJson.string(s, h.name());
        s.append(",\"ruleIndex\":")
                .append(h.ruleIndex())
                .append(",\"action\":\"")
                .append(h.action())
                .append("\"}");
    }
}
