package dev.tierdeck.preview;

import dev.tierdeck.engine.eval.Flow;
import dev.tierdeck.engine.eval.FlowEndpoint;
import dev.tierdeck.tenancy.PolicyDisclosure;
import dev.tierdeck.tenancy.Resource;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What explaining a flow asks of the permission model, and what it withholds from the answer: the flow by its ends'
 * namespaces, and the evaluate line with the name and rule of every step the reader may not read replaced by its
 * owner.
 */
final class Explaining {

    private Explaining() {}

    /** The flow as {@link dev.tierdeck.tenancy.Permissions} judges it: by the namespaces of its pods. */
    static Resource.Flow resource(Flow flow) {
        return Resource.flow(namespace(flow.source()), namespace(flow.destination()));
    }

    private static @Nullable String namespace(FlowEndpoint end) {
        return end instanceof FlowEndpoint.PodRef pod ? pod.namespace() : null;
    }

    /**
     * Withholds, in an evaluate line ({@code {"enforced":{"egress":{"hits":[...]}, ...}, "pending":...}}), the name
     * and rule index of each hit whose policy {@code reader} may not read: they become null and the hit gains
     * {@code "withheld":true} and {@code "owner"}, so the line keeps the shape evaluate prints.
     *
     * @return whether anything was withheld
     */
    static boolean withhold(ObjectNode line, PolicyDisclosure reader) {
        boolean withheld = false;
        for (String state : new String[] {"enforced", "pending"}) {
            JsonNode trace = line.get(state);
            if (trace == null || !trace.isObject()) {
                continue;
            }
            for (String direction : new String[] {"egress", "ingress"}) {
                JsonNode verdict = trace.get(direction);
                JsonNode hits = verdict == null ? null : verdict.get("hits");
                if (hits == null || !hits.isArray()) {
                    continue;
                }
                for (JsonNode hit : hits) {
                    withheld |= withholdHit((ObjectNode) hit, reader);
                }
            }
        }
        return withheld;
    }

    private static boolean withholdHit(ObjectNode hit, PolicyDisclosure reader) {
        if ("Profile".equals(hit.path("kind").asString(""))) {
            return false;
        }
        String tier = hit.path("tier").asString("");
        JsonNode ns = hit.get("namespace");
        String namespace = ns == null || ns.isNull() ? null : ns.asString();
        if (reader.shows(namespace, tier)) {
            return false;
        }
        hit.putNull("name");
        hit.putNull("ruleIndex");
        hit.put("withheld", true);
        hit.put("owner", reader.owner(namespace, tier));
        return true;
    }
}
