package dev.tierdeck.engine.eval;

/** One side of a flow: a pod of the cluster by namespace and name, or an IP address. */
public sealed interface FlowEndpoint {

    record PodRef(String namespace, String name) implements FlowEndpoint {
        @Override
        public String toString() {
            return namespace + "/" + name;
        }
    }

    /** An address; when it belongs to a known pod, the flow is that pod's. */
    record Address(String ip) implements FlowEndpoint {
        @Override
        public String toString() {
            return ip;
        }
    }
}
