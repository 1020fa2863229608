package dev.tierdeck.engine.eval;

import dev.tierdeck.engine.model.ContainerPort;
import dev.tierdeck.engine.model.Port;
import dev.tierdeck.engine.model.Protocol;
import java.util.function.Predicate;

/** Whether single flows fall inside a {@link FlowSpace}, with both sides resolved once against the cluster. */
final class SpaceCoverage implements Predicate<Flow> {

    private final CompiledCluster cluster;
    private final FlowSpace space;
    private final CoveredEndpoints sources;
    private final CoveredEndpoints destinations;

    SpaceCoverage(CompiledCluster cluster, FlowSpace space) {
        this.cluster = cluster;
        this.space = space;
        this.sources = new CoveredEndpoints(cluster, space.sources());
        this.destinations = new CoveredEndpoints(cluster, space.destinations());
    }

    @Override
    public boolean test(Flow flow) {
        if (space.protocols().stream()
                .noneMatch(p -> p.number() == flow.protocol().number())) {
            return false;
        }
        FlowContext f;
        try {
            f = cluster.resolve(flow);
        } catch (IllegalArgumentException e) {
            // A pod the cluster does not have (UnknownPodException) or an unreadable address.
            return false;
        }
        if ((f.srcPod < 0 && f.dstPod < 0) || (f.srcPod >= 0 && f.srcPod == f.dstPod)) {
            return false;
        }
        if (flow.sourcePort() != null && space.sourcePorts().stream().noneMatch(r -> r.contains(flow.sourcePort()))) {
            return false;
        }
        return flow.port() != null
                && destinationPort(f.dstPod, flow.protocol(), flow.port())
                && sources.covers(f.srcPod, f.srcIp)
                && destinations.covers(f.dstPod, f.dstIp);
    }

    private boolean destinationPort(int pod, Protocol protocol, int port) {
        for (Port p : space.ports()) {
            switch (p) {
                case Port.Range r -> {
                    if (r.contains(port)) {
                        return true;
                    }
                }
                case Port.Named n -> {
                    if (pod >= 0) {
                        for (ContainerPort cp : cluster.index.pods[pod].ports()) {
                            if (n.name().equals(cp.name())
                                    && cp.port() == port
                                    && cp.protocol().number() == protocol.number()) {
                                return true;
                            }
                        }
                    }
                }
            }
        }
        return false;
    }
}
