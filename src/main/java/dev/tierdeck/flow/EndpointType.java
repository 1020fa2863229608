package dev.tierdeck.flow;

/**
 * What a flow's source or destination name denotes (calico-semantics §4.4): a set of pods aggregated by their
 * GenerateName, a host endpoint, a (Global)NetworkSet, or a network outside the cluster ({@code pub}/{@code pvt}).
 */
public enum EndpointType {
    WorkloadEndpoint,
    HostEndpoint,
    NetworkSet,
    Network
}
