package dev.tierdeck.preview;

import dev.tierdeck.engine.eval.DirectionVerdict;
import dev.tierdeck.engine.eval.Flow;
import dev.tierdeck.engine.eval.PolicyHit;
import dev.tierdeck.engine.eval.Trace;
import dev.tierdeck.engine.eval.Verdict;
import dev.tierdeck.engine.model.RuleAction;
import dev.tierdeck.tenancy.PolicyDisclosure;
import dev.tierdeck.tier.TierGovernance;
import dev.tierdeck.tier.TierSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Says in words which tier, policy and rule decide a flow: "denied by tier security, policy block-metadata, egress
 * rule 2 — owned by tierdeck-security-admins". Rule numbers count from 1 (the first rule is rule 1); the raw
 * {@code ruleIndex} of the trace counts from 0. Hits are the decisive steps of a trace (calico-semantics §4.3):
 * every Pass, then the final Allow or Deny, an end-of-tier default or a namespace profile. A policy the reader may not
 * read (another team's, a confidential tier's) is named only by its tier and its owner, without its rule.
 */
final class TraceWords {

    private final TierGovernance governance;
    private final PolicyDisclosure reader;

    /*
     * One instance serves one request, which may word hundreds of thousands of hits over a few tiers and namespaces:
     * each answer that reads the database is asked once per tier or namespace and tier, not once per hit. Bounded by
     * the tiers and namespaces of the cluster.
     */
    private final Map<String, TierSettings> settings = new HashMap<>();
    private final Map<List<@Nullable String>, Boolean> shown = new HashMap<>();
    private final Map<List<@Nullable String>, String> owners = new HashMap<>();

    TraceWords(TierGovernance governance, PolicyDisclosure reader) {
        this.governance = governance;
        this.reader = reader;
    }

    /** Whether the hit's policy is named to the reader; a namespace profile always is (it is no policy). */
    boolean shows(PolicyHit hit) {
        return hit.kind().equals(PolicyHit.PROFILE)
                || shown.computeIfAbsent(
                        Arrays.asList(hit.namespace(), hit.tier()), k -> reader.shows(hit.namespace(), hit.tier()));
    }

    /** {@code payments/allow-web}, or {@code a policy of team payments} when the reader may not read it. */
    String policy(PolicyHit hit) {
        return shows(hit)
                ? policyName(hit)
                : "a policy of "
                        + owners.computeIfAbsent(
                                Arrays.asList(hit.namespace(), hit.tier()),
                                k -> reader.owner(hit.namespace(), hit.tier()));
    }

    /** One sentence for a whole trace: which directions decide and how; each tier's owners and purpose once. */
    String trace(Flow flow, Trace trace) {
        return trace(flow, trace, new HashSet<>());
    }

    /**
     * A flow before and after a change: "Before: … After: …", with each tier's owners and purpose told once, where
     * the tier first appears.
     */
    String change(Flow flow, Trace before, Trace after) {
        Set<String> told = new HashSet<>();
        return "Before: " + trace(flow, before, told) + ". After: " + trace(flow, after, told) + ".";
    }

    private String trace(Flow flow, Trace trace, Set<String> told) {
        List<String> parts = new ArrayList<>();
        boolean allowed = trace.action() == Verdict.Allow;
        // A denied flow is explained by the direction(s) that deny it; an allowed one needs both directions.
        if (trace.egress() != null && (allowed || trace.egress().action() == Verdict.Deny)) {
            parts.add(direction("egress", "from " + flow.source(), trace.egress(), told));
        }
        if (trace.ingress() != null && (allowed || trace.ingress().action() == Verdict.Deny)) {
            parts.add(direction("ingress", "to " + flow.destination(), trace.ingress(), told));
        }
        if (parts.isEmpty()) {
            return (allowed ? "allowed" : "denied") + ": neither end is a pod of the cluster, so no policy applies";
        }
        return (allowed ? "allowed" : "denied") + " — " + String.join("; ", parts);
    }

    /** "Egress from payments/api-0: passed on by …; then allowed by …". */
    String direction(String direction, String where, DirectionVerdict verdict) {
        return direction(direction, where, verdict, new HashSet<>());
    }

    private String direction(String direction, String where, DirectionVerdict verdict, Set<String> told) {
        List<String> steps = new ArrayList<>();
        for (PolicyHit hit : verdict.hits()) {
            steps.add(hit(direction, hit, told));
        }
        return capitalized(direction) + " " + where + ": " + String.join("; then ", steps);
    }

    /** One decisive step in words, with the tier's owners and purpose when Tierdeck knows them. */
    String hit(String direction, PolicyHit hit) {
        return hit(direction, hit, new HashSet<>());
    }

    /** One step; the tier's owners and purpose only when {@code told} does not hold the tier yet. */
    private String hit(String direction, PolicyHit hit, Set<String> told) {
        String verb = verb(hit.action());
        String policy = shows(hit) ? "policy " + policyName(hit) : policy(hit);
        return switch (hit.kind()) {
            case PolicyHit.PROFILE ->
                verb + " by the namespace profile " + hit.name() + ": no policy decided this pod's " + direction;
            case PolicyHit.END_OF_TIER ->
                verb + " at the end of tier " + hit.tier() + ": " + policy
                        + " applies to the pod but none of its " + direction
                        + " rules matched, and the tier's default action is " + hit.action() + owners(hit.tier(), told);
            default ->
                verb + " by tier " + hit.tier() + ", " + policy + kindNote(hit.kind())
                        + (shows(hit) ? ", " + direction + " rule " + (hit.ruleIndex() + 1) : "")
                        + owners(hit.tier(), told);
        };
    }

    static String policyName(PolicyHit hit) {
        return hit.namespace() == null ? hit.name() : hit.namespace() + "/" + hit.name();
    }

    static String verb(RuleAction action) {
        return switch (action) {
            case Allow -> "allowed";
            case Deny -> "denied";
            case Pass -> "passed on";
            default -> action.name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static String kindNote(String kind) {
        return switch (kind) {
            case "KubernetesNetworkPolicy" -> " (a Kubernetes NetworkPolicy)";
            case "ClusterNetworkPolicy" -> " (a Kubernetes ClusterNetworkPolicy)";
            case "StagedNetworkPolicy", "StagedGlobalNetworkPolicy", "StagedKubernetesNetworkPolicy" -> " (staged)";
            default -> "";
        };
    }

    private String owners(String tier, Set<String> told) {
        if (tier.isEmpty() || !told.add(tier)) {
            return "";
        }
        TierSettings recorded = settings.computeIfAbsent(tier, governance::settings);
        String owners = recorded.owners().isEmpty() ? "" : " — owned by " + String.join(", ", recorded.owners());
        String purpose =
                recorded.purpose().isBlank() ? "" : " (" + recorded.purpose().strip() + ")";
        return owners.isEmpty() && !purpose.isEmpty() ? " —" + purpose : owners + purpose;
    }

    private static String capitalized(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** "Allow" or "Deny", as the REST API and the page print a verdict. */
    static String verdict(@Nullable Verdict v) {
        return v == null ? "" : v.name();
    }
}
