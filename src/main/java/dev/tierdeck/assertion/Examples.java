package dev.tierdeck.assertion;

import dev.tierdeck.engine.assertion.AssertionResult;
import dev.tierdeck.engine.eval.Flow;
import dev.tierdeck.engine.eval.FlowEndpoint;
import dev.tierdeck.engine.eval.PolicyHit;
import dev.tierdeck.engine.eval.Verdict;
import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.tenancy.Action;
import dev.tierdeck.tenancy.Permissions;
import dev.tierdeck.tenancy.PolicyDisclosure;
import dev.tierdeck.tenancy.Resource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The example of a violated assertion as one reader may see it. The pair is shown to those who may explain a flow
 * between its ends (at least one end in their namespaces, or everything for admins and viewers); the trace then names
 * only the policies they may read, as an explanation would, and the others by their tier and owner. Someone who may
 * not explain the flow learns that the assertion is violated, not where.
 */
@Component
class Examples {

    /**
     * @param shown whether the reader may see the pair and its trace; when not, the other fields are empty
     * @param pair {@code sandbox/debug-shell-… → payments/payments-worker-… TCP 8080}
     * @param verdict {@code allowed} or {@code denied}
     * @param trace the trace in words
     * @param decidedBy the deciding hits, with the names the reader may not read left out (null)
     */
    record View(
            boolean shown,
            String pair,
            String verdict,
            String trace,
            List<Map<String, @Nullable Object>> decidedBy,
            @Nullable String sourceNamespace,
            @Nullable String destinationNamespace) {

        static final View WITHHELD = new View(false, "", "", "", List.of(), null, null);
    }

    private final Permissions permissions;
    private final ObjectProvider<TraceWording> wording;

    Examples(Permissions permissions, ObjectProvider<TraceWording> wording) {
        this.permissions = permissions;
        this.wording = wording;
    }

    /** The reader's view of the example; {@link View#WITHHELD} when there is none or it is not theirs to see. */
    View view(CurrentUser user, PolicyDisclosure reader, AssertionResult result) {
        AssertionResult.Example e = result.example();
        if (e == null) {
            return View.WITHHELD;
        }
        String from = namespaceOf(e.sourcePod());
        String to = namespaceOf(e.destinationPod());
        if (!permissions.allows(user, Action.EXPLAIN, Resource.flow(from, to))) {
            return new View(false, "", "", "", List.of(), from, to);
        }
        List<Map<String, @Nullable Object>> hits = new ArrayList<>();
        for (AssertionResult.DecidingHit d : e.decidedBy()) {
            hits.add(hit(d, reader));
        }
        return new View(true, pair(e), verdict(e.verdict().action()), trace(e, reader), List.copyOf(hits), from, to);
    }

    /** The example with every name, for the portal's own notifications. */
    static String plain(AssertionResult result) {
        AssertionResult.Example e = result.example();
        if (e == null) {
            return "";
        }
        StringBuilder s = new StringBuilder(pair(e))
                .append(" is ")
                .append(verdict(e.verdict().action()));
        for (AssertionResult.DecidingHit d : e.decidedBy()) {
            PolicyHit h = d.hit();
            s.append("; ")
                    .append(d.direction())
                    .append(": ")
                    .append(h.kind())
                    .append(' ')
                    .append(h.namespace() == null ? "" : h.namespace() + "/")
                    .append(h.name())
                    .append(" in tier ")
                    .append(h.tier());
            if (h.ruleIndex() >= 0 && !PolicyHit.END_OF_TIER.equals(h.kind())) {
                s.append(", rule ").append(h.ruleIndex() + 1);
            }
        }
        return s.toString();
    }

    static String pair(AssertionResult.Example e) {
        Flow f = e.flow();
        return endpoint(f.source(), e.sourcePod()) + " → " + endpoint(f.destination(), e.destinationPod()) + " "
                + f.protocol() + (f.port() == null ? "" : " " + f.port());
    }

    static String verdict(Verdict v) {
        return v == Verdict.Allow ? "allowed" : "denied";
    }

    private String trace(AssertionResult.Example e, PolicyDisclosure reader) {
        TraceWording words = wording.getIfAvailable();
        if (words != null) {
            return words.trace(e.flow(), e.verdict().enforced(), reader);
        }
        List<String> parts = new ArrayList<>();
        for (AssertionResult.DecidingHit d : e.decidedBy()) {
            PolicyHit h = d.hit();
            boolean shows = PolicyHit.PROFILE.equals(h.kind()) || reader.shows(h.namespace(), h.tier());
            parts.add(
                    d.direction() + ": " + h.action().name().toLowerCase(Locale.ROOT) + " in tier " + h.tier() + " by "
                            + (shows
                                    ? (h.namespace() == null ? "" : h.namespace() + "/") + h.name()
                                    : "a policy of " + reader.owner(h.namespace(), h.tier())));
        }
        return verdict(e.verdict().action()) + (parts.isEmpty() ? "" : " — " + String.join("; ", parts));
    }

    private static Map<String, @Nullable Object> hit(AssertionResult.DecidingHit d, PolicyDisclosure reader) {
        PolicyHit h = d.hit();
        boolean shows = PolicyHit.PROFILE.equals(h.kind()) || reader.shows(h.namespace(), h.tier());
        Map<String, @Nullable Object> m = new LinkedHashMap<>();
        m.put("direction", d.direction());
        m.put("tier", h.tier());
        m.put("kind", h.kind());
        m.put("namespace", shows ? h.namespace() : null);
        m.put("name", shows ? h.name() : null);
        m.put("ruleIndex", shows ? h.ruleIndex() : null);
        m.put("action", h.action().name());
        m.put("owner", shows ? null : reader.owner(h.namespace(), h.tier()));
        return m;
    }

    private static String endpoint(FlowEndpoint e, @Nullable String pod) {
        return e instanceof FlowEndpoint.Address a && pod != null ? a.ip() + " (" + pod + ")" : e.toString();
    }

    static @Nullable String namespaceOf(@Nullable String pod) {
        if (pod == null) {
            return null;
        }
        int slash = pod.indexOf('/');
        return slash < 0 ? null : pod.substring(0, slash);
    }
}
