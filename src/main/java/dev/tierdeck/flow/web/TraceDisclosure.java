package dev.tierdeck.flow.web;

import dev.tierdeck.flow.FlowAction;
import dev.tierdeck.flow.PolicyHit;
import dev.tierdeck.flow.PolicyHitKind;
import dev.tierdeck.tenancy.PolicyDisclosure;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Recorded traces as one reader may see them: a step decided by a policy they may not read (another team's
 * namespace, a confidential tier) keeps its tier, kind and action, and names the policy's owner instead of the
 * policy and its rule. Namespace profiles are no policies and are always shown.
 */
final class TraceDisclosure {

    private TraceDisclosure() {}

    /**
     * One step of a trace as the flow page shows it.
     *
     * @param name null when withheld
     * @param ruleIndex -1 when withheld (and for an end of tier)
     * @param owner who owns the policy, when withheld; null otherwise
     */
    record ShownHit(
            String tier,
            PolicyHitKind kind,
            @Nullable String namespace,
            @Nullable String name,
            int ruleIndex,
            @Nullable FlowAction action,
            @Nullable String owner) {

        public boolean withheld() {
            return owner != null;
        }
    }

    static List<ShownHit> shown(List<PolicyHit> hits, PolicyDisclosure reader) {
        return hits.stream().map(hit -> shown(hit, reader)).toList();
    }

    private static ShownHit shown(PolicyHit hit, PolicyDisclosure reader) {
        if (shows(hit.kind(), hit.namespace(), hit.tier(), reader)) {
            return new ShownHit(
                    hit.tier(), hit.kind(), hit.namespace(), hit.name(), hit.ruleIndex(), hit.action(), null);
        }
        return new ShownHit(
                hit.tier(),
                hit.kind(),
                hit.namespace(),
                null,
                -1,
                hit.action(),
                reader.owner(hit.namespace(), hit.tier()));
    }

    private static boolean shows(PolicyHitKind kind, @Nullable String namespace, String tier, PolicyDisclosure reader) {
        return kind == PolicyHitKind.Profile || reader.shows(namespace, tier);
    }

    /**
     * Withholds, in a page of stored flows as JSON ({@code items[].flow.enforced[]}, {@code .pending[]}, and each
     * hit's {@code trigger}), the name, rule and policy index of each hit the reader may not read: they become null,
     * and the hit gains {@code "withheld":true} and {@code "owner"}. Everything else keeps its shape.
     */
    static void withhold(JsonNode page, PolicyDisclosure reader) {
        JsonNode items = page.get("items");
        if (items == null || !items.isArray()) {
            return;
        }
        for (JsonNode item : items) {
            JsonNode flow = item.get("flow");
            if (flow == null) {
                continue;
            }
            for (String trace : new String[] {"enforced", "pending"}) {
                JsonNode hits = flow.get(trace);
                if (hits != null && hits.isArray()) {
                    hits.forEach(hit -> withholdHit(hit, reader));
                }
            }
        }
    }

    private static void withholdHit(JsonNode node, PolicyDisclosure reader) {
        if (!(node instanceof ObjectNode hit)) {
            return;
        }
        JsonNode trigger = hit.get("trigger");
        if (trigger != null && trigger.isObject()) {
            withholdHit(trigger, reader);
        }
        PolicyHitKind kind = kind(hit.path("kind").asString(""));
        String tier = hit.path("tier").asString("");
        JsonNode ns = hit.get("namespace");
        String namespace = ns == null || ns.isNull() ? null : ns.asString();
        if (shows(kind, namespace, tier, reader)) {
            return;
        }
        hit.putNull("name");
        hit.putNull("ruleIndex");
        hit.putNull("policyIndex");
        hit.put("withheld", true);
        hit.put("owner", reader.owner(namespace, tier));
    }

    /** An unknown kind is treated as a policy's, so that it is withheld rather than shown. */
    private static @Nullable PolicyHitKind kind(String name) {
        for (PolicyHitKind kind : PolicyHitKind.values()) {
            if (kind.name().equals(name)) {
                return kind;
            }
        }
        return null;
    }
}
