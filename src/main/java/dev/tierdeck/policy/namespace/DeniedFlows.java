package dev.tierdeck.policy.namespace;

import dev.tierdeck.flow.FlowAction;
import dev.tierdeck.flow.FlowFilter;
import dev.tierdeck.flow.FlowPage;
import dev.tierdeck.flow.FlowRecord;
import dev.tierdeck.flow.FlowStore;
import dev.tierdeck.flow.PolicyHit;
import dev.tierdeck.flow.PolicyHitKind;
import dev.tierdeck.flow.StoredFlow;
import dev.tierdeck.tenancy.PolicyDisclosure;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Recently denied traffic of a namespace from the stored flow history, summed per source, destination and port. A
 * flow may be denied at its other end, by another team's policy: such a policy is named only by its tier and owner.
 */
@Component
class DeniedFlows {

    /** Buckets read per page view; the busiest flows of a day fit, the page shows the top {@link #SHOWN}. */
    private static final int BUCKETS = 500;

    private static final int SHOWN = 20;

    private final FlowStore flows;

    DeniedFlows(FlowStore flows) {
        this.flows = flows;
    }

    List<DeniedFlow> recent(String namespace, Instant from, Instant to, PolicyDisclosure reader) {
        FlowPage page = flows.query(
                FlowFilter.window(from, to).inNamespaces(Set.of(namespace)).withAction(FlowAction.Deny), 0, BUCKETS);
        record Key(String source, String destination, String protocol, int port, String deniedBy) {}
        Map<Key, long[]> connections = new LinkedHashMap<>();
        Map<Key, Instant> lastSeen = new LinkedHashMap<>();
        for (StoredFlow stored : page.items()) {
            FlowRecord f = stored.flow();
            Key key = new Key(
                    f.source().displayName(),
                    f.destination().displayName(),
                    f.protocol(),
                    f.port(),
                    deniedBy(f.enforced(), reader));
            connections.computeIfAbsent(key, k -> new long[1])[0] += f.counts().connectionsStarted();
            lastSeen.merge(key, f.end(), (a, b) -> a.isAfter(b) ? a : b);
        }
        List<DeniedFlow> out = new ArrayList<>();
        connections.forEach((k, count) -> out.add(new DeniedFlow(
                k.source(), k.destination(), k.protocol(), k.port(), count[0], k.deniedBy(), lastSeen.get(k))));
        out.sort(Comparator.comparingLong(DeniedFlow::connections)
                .reversed()
                .thenComparing(DeniedFlow::lastSeen, Comparator.reverseOrder()));
        return out.size() > SHOWN ? List.copyOf(out.subList(0, SHOWN)) : out;
    }

    /** The last Deny of the enforced trace, in words (calico-semantics §4.3). */
    static String deniedBy(List<PolicyHit> trace, PolicyDisclosure reader) {
        for (int i = trace.size() - 1; i >= 0; i--) {
            PolicyHit hit = trace.get(i);
            if (hit.action() != FlowAction.Deny) {
                continue;
            }
            String policy = (hit.namespace() == null ? "" : hit.namespace() + "/") + hit.name();
            if (hit.kind() == PolicyHitKind.EndOfTier) {
                return "end of tier " + hit.tier() + " (no rule matched)";
            }
            if (hit.tier().isEmpty()) {
                return "profile " + hit.name();
            }
            if (!reader.shows(hit.namespace(), hit.tier())) {
                return "tier " + hit.tier() + ", a policy of " + reader.owner(hit.namespace(), hit.tier());
            }
            // The rule index as the flow browser shows it, so the two pages name the same rule.
            return "tier " + hit.tier() + ", policy " + policy
                    + (hit.ruleIndex() >= 0 ? ", rule " + hit.ruleIndex() : "");
        }
        return "no policy named";
    }
}
