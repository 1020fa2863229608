package dev.tierdeck.engine.synthetic;

import dev.tierdeck.engine.model.ClusterObject;
import dev.tierdeck.engine.model.Pod;
import dev.tierdeck.engine.model.Protocol;
import dev.tierdeck.engine.reference.ReferenceFlow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stored history of one namespace of a {@link LargeCluster}, for the suggestion benchmark: its apps calling each
 * other along a fixed chain, a few partner namespaces calling in and being called, DNS and metrics scrapes from
 * platform namespaces, partners and public addresses outside, clients on the internet, and a trickle of calls from
 * anywhere in the cluster. Most connection kinds repeat many times, as they do in a flow store.
 */
public final class NamespaceTraffic {

    private NamespaceTraffic() {}

    /** {@code count} flows touching namespace {@code n} of the scenario; the same seed gives the same flows. */
    public static List<ReferenceFlow> generate(Scenario scenario, int n, int count, long seed) {
        Dice dice = new Dice(seed);
        Map<String, List<Pod>> byNamespace = new LinkedHashMap<>();
        for (ClusterObject o : scenario.objects()) {
            if (o instanceof Pod p) {
                byNamespace
                        .computeIfAbsent(p.namespace(), k -> new ArrayList<>())
                        .add(p);
            }
        }
        List<String> namespaces = List.copyOf(byNamespace.keySet());
        int total = namespaces.size();
        String home = LargeCluster.namespace(n);
        List<Pod> own = byNamespace.get(home);
        List<List<Pod>> partners = new ArrayList<>();
        for (int k = 1; k <= Math.min(6, total - 1); k++) {
            partners.add(byNamespace.get(namespaces.get((n + k * 7) % total)));
        }
        List<Pod> platform = byNamespace.get(namespaces.get((n + total / 2) % total));
        List<Pod> everyone = byNamespace.values().stream().flatMap(List::stream).toList();
        List<ReferenceFlow> flows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String id = "n" + i;
            int shape = dice.below(1000);
            Pod self = dice.pick(own);
            if (shape < 350) {
                // the chain app-0 -> app-1 -> app-2 -> app-3 / app-4
                int app = app(self);
                Pod callee = podOf(own, app < 2 ? app + 1 : dice.pick(3, 4), dice);
                flows.add(tcp(id, self, callee, app == 0 ? 8080 : dice.pick(8080, 9090)));
            } else if (shape < 550) {
                Pod caller = podOf(dice.pick(partners), 0, dice);
                flows.add(tcp(id, caller, podOf(own, 0, dice), 8080));
            } else if (shape < 700) {
                flows.add(tcp(id, self, podOf(dice.pick(partners), 1, dice), dice.pick(8080, 5432)));
            } else if (shape < 800) {
                flows.add(flow(id, pod(self), pod(podOf(platform, 0, dice)), Protocol.UDP, 53));
            } else if (shape < 820) {
                flows.add(tcp(id, podOf(platform, 1, dice), self, 9090));
            } else if (shape < 900) {
                flows.add(flow(
                        id, pod(self), ReferenceFlow.Side.ip("203.0.113." + dice.between(1, 40)), Protocol.TCP, 443));
            } else if (shape < 950) {
                String ip = dice.pick("8.8.8.8", "1.1.1.1", "9.9.9.9") + "";
                if (dice.chance(0.5)) {
                    ip = "151.101." + dice.between(0, 3) + "." + dice.between(1, 250);
                }
                flows.add(flow(id, pod(self), ReferenceFlow.Side.ip(ip), Protocol.TCP, 443));
            } else if (shape < 999) {
                flows.add(flow(
                        id,
                        ReferenceFlow.Side.ip("192.0.2." + dice.between(1, 60)),
                        pod(podOf(own, 0, dice)),
                        Protocol.TCP,
                        8080));
            } else {
                flows.add(tcp(id, dice.pick(everyone), self, 8080));
            }
        }
        return flows;
    }

    private static int app(Pod p) {
        return Integer.parseInt(p.labels().get("app").substring("app-".length()));
    }

    private static Pod podOf(List<Pod> pods, int app, Dice dice) {
        List<Pod> matching = pods.stream().filter(p -> app(p) == app).toList();
        return dice.pick(matching.isEmpty() ? pods : matching);
    }

    private static ReferenceFlow.Side pod(Pod p) {
        return ReferenceFlow.Side.pod(p.namespace(), p.name());
    }

    private static ReferenceFlow tcp(String id, Pod from, Pod to, int port) {
        return flow(id, pod(from), pod(to), Protocol.TCP, port);
    }

    private static ReferenceFlow flow(
            String id, ReferenceFlow.Side from, ReferenceFlow.Side to, Protocol protocol, int port) {
        return new ReferenceFlow(id, from, to, protocol, port, null, null, null);
    }
}
