package dev.tierdeck.flow;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Small builders for flows in tests. */
public final class Flows {

    private Flows() {}

    public static PolicyHit hit(String tier, String namespace, String name, FlowAction action, int policyIndex) {
        return new PolicyHit(PolicyHitKind.CalicoNetworkPolicy, namespace, name, tier, action, policyIndex, 0, null);
    }

    public static FlowRecord flow(Instant start, String srcNs, String src, String dstNs, String dst, int port) {
        return new FlowRecord(
                start,
                start.plusSeconds(15),
                FlowEndpoint.workload(srcNs, src, Map.of("app", src.replace("-*", ""))),
                FlowEndpoint.workload(dstNs, dst, Map.of("app", dst.replace("-*", ""))),
                "TCP",
                port,
                Reporter.Src,
                FlowAction.Allow,
                List.of(hit("default", srcNs, "allow-" + dst.replace("-*", ""), FlowAction.Allow, 0)),
                List.of(hit("default", srcNs, "allow-" + dst.replace("-*", ""), FlowAction.Allow, 0)),
                new FlowCounts(10, 8, 1000, 800, 1, 1, 0));
    }

    public static FlowRecord withAction(FlowRecord f, FlowAction action, FlowAction pending) {
        PolicyHit e = f.enforced().getFirst();
        PolicyHit p = f.pending().getFirst();
        return new FlowRecord(
                f.start(),
                f.end(),
                f.source(),
                f.destination(),
                f.protocol(),
                f.port(),
                f.reporter(),
                action,
                List.of(new PolicyHit(e.kind(), e.namespace(), e.name(), e.tier(), action, 0, 0, null)),
                List.of(new PolicyHit(p.kind(), p.namespace(), p.name(), p.tier(), pending, 0, 0, null)),
                f.counts());
    }
}
